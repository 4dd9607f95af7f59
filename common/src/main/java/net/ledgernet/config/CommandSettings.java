package net.ledgernet.config;

import java.util.List;

/** The proxy command's name and aliases. */
public record CommandSettings(String name, List<String> aliases) {
}
