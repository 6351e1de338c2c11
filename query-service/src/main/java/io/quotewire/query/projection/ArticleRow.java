package io.quotewire.query.projection;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An article of the read model (written by {@link Projector}, read by the API). */
@Entity
@Table(name = "article")
public class ArticleRow extends PanacheEntityBase {

    @Id
    public String id;
    public String revision;
    public String title;
    public String url;
    public String source;
    public String author;
    public String language;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    @Column(name = "ingested_at")
    public OffsetDateTime ingestedAt;
    public String text;
}
