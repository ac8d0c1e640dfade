package io.livetodo.todo;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

@Entity
@Table(name = "todo")
public class Todo extends PanacheEntityBase {

    /**
     * The columns this entity maps, for a native statement that answers todos: {@code returning *}
     * would also bring the search column, which Hibernate cannot place.
     */
    static final String COLUMNS = "id, list_id, name, finished, created_by, updated_by, created_at, updated_at, "
            + "version, position, notes, due_date, due_time, due_zone, due_at, assignee";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "list_id")
    public long listId;

    public String name;

    public boolean finished;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Counts the writes to this todo, starting at 1; it is the todo's ETag. A move leaves it as it is. */
    public long version;

    /** Its place in its list: see {@link Positions}. */
    public String position;

    public String notes = "";

    /** When it is due ({@link Due}): a day, or with a time in a zone, and the instant that names. */
    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "due_time")
    public LocalTime dueTime;

    @Column(name = "due_zone")
    public String dueZone;

    @Column(name = "due_at")
    public Instant dueAt;

    /** The username of the member it is assigned to, or null. */
    public String assignee;

    public TodoView view() {
        return new TodoView(
                id,
                listId,
                name,
                finished,
                createdBy,
                updatedBy,
                createdAt,
                updatedAt,
                version,
                position,
                Due.kept(dueDate, dueTime, dueZone, dueAt),
                assignee,
                notes);
    }

    /** Sets when it is due; null for never. */
    public void due(Due due) {
        dueDate = due == null ? null : due.date();
        dueTime = due == null ? null : due.time();
        dueZone = due == null ? null : due.timeZone();
        dueAt = due == null ? null : due.at();
    }
}
