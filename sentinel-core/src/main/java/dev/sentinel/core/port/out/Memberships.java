package dev.sentinel.core.port.out;

import dev.sentinel.core.domain.ProjectId;
import dev.sentinel.core.domain.access.AccountId;
import dev.sentinel.core.domain.access.Membership;
import java.util.List;
import java.util.Optional;

/** Who is admin or viewer of which project. Used inside a {@link StorageSession}. */
public interface Memberships {

    /** Sets the account's role in the project, adding the membership or replacing its role. */
    void put(Membership membership);

    /** Removes the account from the project; false when it was not a member. */
    boolean remove(ProjectId project, AccountId account);

    Optional<Membership> find(ProjectId project, AccountId account);

    /** The project's members, in the order they joined. */
    List<Membership> listByProject(ProjectId project);

    /** The account's memberships, by project name. */
    List<Membership> listByAccount(AccountId account);
}
