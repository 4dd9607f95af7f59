package net.ledgernet.search;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The values of one repeatable key, as Ledger combines them: a row matches if it has <em>any</em>
 * allowed value (OR; no allowed values means no constraint) and <em>none</em> of the denied ones
 * (AND of {@code <>}). A value may be both allowed and denied, as in Ledger; such a filter matches
 * nothing. Both sets are immutable and iterate in natural order, so SQL built from them is stable.
 */
public record Filter<T extends Comparable<? super T>>(Set<T> allowed, Set<T> denied) {
    public Filter {
        allowed = sortedCopy(allowed);
        denied = sortedCopy(denied);
    }

    /** No constraint. */
    public static <T extends Comparable<? super T>> Filter<T> none() {
        return new Filter<T>(Set.<T>of(), Set.<T>of());
    }

    @SafeVarargs
    public static <T extends Comparable<? super T>> Filter<T> allow(T... values) {
        Filter<T> filter = none();
        for (T value : values) {
            filter = filter.andAllow(value);
        }
        return filter;
    }

    @SafeVarargs
    public static <T extends Comparable<? super T>> Filter<T> deny(T... values) {
        Filter<T> filter = none();
        for (T value : values) {
            filter = filter.andDeny(value);
        }
        return filter;
    }

    public Filter<T> andAllow(T value) {
        return new Filter<>(plus(allowed, value), denied);
    }

    public Filter<T> andDeny(T value) {
        return new Filter<>(allowed, plus(denied, value));
    }

    public boolean isEmpty() {
        return allowed.isEmpty() && denied.isEmpty();
    }

    /** Same filter with every value mapped; values that map to the same result merge. */
    public <U extends Comparable<? super U>> Filter<U> map(Function<? super T, ? extends U> mapping) {
        return new Filter<>(mapAll(allowed, mapping), mapAll(denied, mapping));
    }

    private static <T extends Comparable<? super T>> Set<T> sortedCopy(Collection<T> values) {
        TreeSet<T> copy = new TreeSet<>();
        for (T value : values) {
            copy.add(Objects.requireNonNull(value, "filter value"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static <T extends Comparable<? super T>> Set<T> plus(Set<T> values, T value) {
        TreeSet<T> copy = new TreeSet<>(values);
        copy.add(value);
        return copy;
    }

    private static <T, U extends Comparable<? super U>> Set<U> mapAll(Set<T> values, Function<? super T, ? extends U> mapping) {
        TreeSet<U> out = new TreeSet<>();
        for (T value : values) {
            out.add(mapping.apply(value));
        }
        return out;
    }
}
