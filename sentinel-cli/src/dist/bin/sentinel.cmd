@echo off
rem Runs the sentinel command of this distribution: java -jar lib\sentinel.jar with your arguments, from any
rem directory. The java of JAVA_HOME is used when it is set, else the one on the PATH (17 or later); JAVA_OPTS passes
rem JVM options. No parenthesised blocks: a path such as "C:\Program Files (x86)" would end them early.
setlocal
set "SENTINEL_HOME=%~dp0.."
set "SENTINEL_JAR=%SENTINEL_HOME%\lib\sentinel.jar"
if not exist "%SENTINEL_JAR%" goto missingJar
set "JAVA_EXE=java.exe"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
rem Admin commands start faster with the quick-starting C1 compiler and serial collector; the server keeps the defaults.
set "SENTINEL_JVM=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if /I "%~1"=="serve" set "SENTINEL_JVM="
"%JAVA_EXE%" %SENTINEL_JVM% %JAVA_OPTS% -jar "%SENTINEL_JAR%" %*
exit /b %ERRORLEVEL%

:missingJar
echo sentinel: "%SENTINEL_JAR%" is missing; unpack the whole archive 1>&2
exit /b 1
