package io.livetodo.list;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "todo_list")
public class TodoList extends PanacheEntityBase {

    public static final String PERSONAL_NAME = "Todos";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "owner_id")
    public long ownerId;

    public boolean personal;

    /** Only ever changed by {@link io.livetodo.change.ChangeLog#record}; never written from here. */
    @Column(insertable = false, updatable = false)
    public long version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
