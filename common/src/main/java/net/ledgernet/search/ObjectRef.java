package net.ledgernet.search;

/**
 * An {@code object:} value: one block/item/entity id, or a tag. Both are kept with their namespace
 * written out ({@code stone} is {@code minecraft:stone}). A tag is not expanded here: the proxy has
 * no registry, so whoever runs the query must expand it (or forward it to a backend, which does).
 */
public sealed interface ObjectRef extends Comparable<ObjectRef> permits ObjectRef.Id, ObjectRef.Tag {

    /** The value as written after {@code object:} (without negation). */
    String term();

    @Override
    default int compareTo(ObjectRef other) {
        return term().compareTo(other.term());
    }

    static ObjectRef id(String id) {
        return new Id(id);
    }

    static ObjectRef tag(String id) {
        return new Tag(id);
    }

    /** Matches {@code object_id} or {@code old_object_id}, as in Ledger. */
    record Id(String id) implements ObjectRef {
        public Id {
            id = Terms.requireIdentifier("object id", id);
        }

        @Override
        public String term() {
            return id;
        }
    }

    /** {@code #namespace:path}; {@code id} is without the {@code #}. */
    record Tag(String id) implements ObjectRef {
        public Tag {
            id = Terms.requireIdentifier("tag", id);
        }

        @Override
        public String term() {
            return "#" + id;
        }
    }
}
