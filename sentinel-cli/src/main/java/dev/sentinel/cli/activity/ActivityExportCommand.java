package dev.sentinel.cli.activity;

import dev.sentinel.cli.options.Candidates;
import dev.sentinel.cli.CommandFailedException;
import dev.sentinel.cli.options.Store;
import dev.sentinel.cli.options.StoreOptions;
import dev.sentinel.cli.pass.PassIdConverter;
import dev.sentinel.core.application.analytics.ActivityService;
import dev.sentinel.core.application.analytics.ExportTooLargeException;
import dev.sentinel.core.domain.PassId;
import dev.sentinel.core.domain.Violations;
import dev.sentinel.core.domain.activity.ActivityFilter;
import dev.sentinel.http.export.ActivityExportWriter;
import dev.sentinel.http.export.ExportFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentinel activity export ID}: the matching activity as a JSON, CSV or JSON Lines file, written by the same
 * writer as the HTTP export. At most 10,000 records a file; {@code --split} writes more as several files.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a pass's activity, newest first, to a JSON, CSV (RFC 4180) or JSON Lines file.",
            "A file holds at most 10,000 records; --split writes more as several files, cut by time.",
            "Prints the path of each file written; shows progress on a terminal."})
final class ActivityExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PASS_ID", converter = PassIdConverter.class, description = "The pass, e.g. SP-2026-A1B2C3.")
    PassId passId;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = Candidates.ExportFormats.class, defaultValue = "json",
            description = "json, csv or jsonl. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "PATH", defaultValue = ".",
            description = "A directory (the file is named sentinel-pass-activity-{passId}-{timestamp}.{format}) "
                    + "or a file path. Default: the current directory.")
    String out;

    @Option(names = "--split", description = "Write more than 10,000 records as several files of at most 10,000, "
            + "named …-part-001, …-part-002 (newest records first).")
    boolean split;

    @Option(names = "--force", description = "Replace existing files instead of refusing.")
    boolean force;

    @Mixin
    ActivityFilterOptions filters;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Violations violations = new Violations();
        ExportFormat checkedFormat = violations.check(() -> ExportFormat.parse(format));
        ActivityFilter filter = violations.check(() -> filters.filter(passId));
        violations.throwIfAny();
        List<Path> written;
        try (Store store = Store.open(storeOptions)) {
            ActivityService activity = store.sentinel().activity();
            Path base = ExportTargets.base(out, passId, store.sentinel().clock().instant(), checkedFormat);
            Export export = new Export(activity, checkedFormat);
            written = split ? export.split(filter, base) : export.single(filter, base);
        } catch (IOException | UncheckedIOException failure) {
            throw new CommandFailedException("cannot write the export: " + describe(failure), failure);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        written.forEach(stdout::println);
        stdout.flush();
        return 0;
    }

    /** One export run: the files it stages, and how it reports progress. */
    private final class Export {
        private final ActivityService activity;
        private final ExportFormat format;

        Export(ActivityService activity, ExportFormat format) {
            this.activity = activity;
            this.format = format;
        }

        List<Path> single(ActivityFilter filter, Path target) throws IOException {
            refuseToOverwrite(List.of(target));
            ExportProgress progress = progress(() -> activity.count(filter));
            try (StagedFiles staged = new StagedFiles(force)) {
                try {
                    write(filter, staged.stage(target), progress);
                } catch (ExportTooLargeException tooLarge) {
                    throw new CommandFailedException(String.format(Locale.ROOT, "the export matches %,d records, more "
                            + "than %,d per file: add --split to write several files, or narrow it with --start-date "
                            + "and --end-date", tooLarge.matched(), tooLarge.limit()));
                }
                staged.commit();
            }
            progress.finish();
            return List.of(target);
        }

        List<Path> split(ActivityFilter filter, Path base) throws IOException {
            SplitPlanner.Plan plan = new SplitPlanner(activity, ActivityService.EXPORT_LIMIT).plan(filter);
            List<Path> targets = new ArrayList<>();
            for (int part = 1; part <= plan.parts().size(); part++) {
                targets.add(ExportTargets.part(base, part));
            }
            refuseToOverwrite(targets);
            ExportProgress progress = progress(plan::total);
            try (StagedFiles staged = new StagedFiles(force)) {
                for (int part = 0; part < targets.size(); part++) {
                    try {
                        write(plan.parts().get(part), staged.stage(targets.get(part)), progress);
                    } catch (ExportTooLargeException changed) {
                        throw new CommandFailedException("the activity changed during the export (part " + (part + 1)
                                + " now matches " + changed.matched() + " records); nothing was written, run it again");
                    }
                }
                staged.commit();
            }
            progress.finish();
            return targets;
        }

        private void write(ActivityFilter filter, Path file, ExportProgress progress) throws IOException {
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
                 ActivityExportWriter writer = new ActivityExportWriter(format, stream)) {
                activity.export(filter, ActivityService.EXPORT_LIMIT, event -> {
                    writer.write(event);
                    progress.advance();
                });
            }
        }
    }

    private void refuseToOverwrite(List<Path> targets) {
        if (force) {
            return;
        }
        for (Path target : targets) {
            if (Files.exists(target)) {
                throw new ParameterException(spec.commandLine(),
                        "refusing to overwrite " + target + ": add --force to replace it");
            }
        }
    }

    /** Progress on stderr only when a person watches on a terminal; the total is counted only then. */
    private ExportProgress progress(LongSupplier total) {
        return System.console() == null ? ExportProgress.silent()
                : ExportProgress.shownOn(spec.commandLine().getErr(), total.getAsLong());
    }

    private static String describe(Exception failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        if (cause instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " appeared meanwhile; add --force to replace it";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
