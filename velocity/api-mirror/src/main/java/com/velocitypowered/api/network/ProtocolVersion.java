package com.velocitypowered.api.network;

import com.velocitypowered.api.util.Ordered;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minecraft protocol versions, oldest first (comparison is by declaration order, as for the real
 * enum).
 *
 * <p>Mirror notes: the constants are those of Velocity 3.4.0-SNAPSHOT (up to 1.21.2/1.21.3,
 * protocol 768); newer proxies have more. Enum constants are resolved by name at runtime, so only
 * referencing a constant the running proxy lacks would fail. The real class's
 * {@code SUPPORTED_VERSION_STRING} and {@code ID_TO_PROTOCOL_CONSTANT} (a Guava ImmutableMap)
 * fields are not mirrored. The real class supports snapshot protocol numbers; no constant here
 * uses one.
 */
public enum ProtocolVersion implements Ordered<ProtocolVersion> {
  UNKNOWN(-1, "Unknown") {
    @Override
    public boolean isUnknown() {
      return true;
    }

    @Override
    public boolean isSupported() {
      return false;
    }
  },
  LEGACY(-2, "Legacy") {
    @Override
    public boolean isLegacy() {
      return true;
    }

    @Override
    public boolean isSupported() {
      return false;
    }
  },
  MINECRAFT_1_7_2(4, "1.7.2", "1.7.3", "1.7.4", "1.7.5"),
  MINECRAFT_1_7_6(5, "1.7.6", "1.7.7", "1.7.8", "1.7.9", "1.7.10"),
  MINECRAFT_1_8(47, "1.8", "1.8.1", "1.8.2", "1.8.3", "1.8.4", "1.8.5", "1.8.6", "1.8.7",
      "1.8.8", "1.8.9"),
  MINECRAFT_1_9(107, "1.9"),
  MINECRAFT_1_9_1(108, "1.9.1"),
  MINECRAFT_1_9_2(109, "1.9.2"),
  MINECRAFT_1_9_4(110, "1.9.3", "1.9.4"),
  MINECRAFT_1_10(210, "1.10", "1.10.1", "1.10.2"),
  MINECRAFT_1_11(315, "1.11"),
  MINECRAFT_1_11_1(316, "1.11.1", "1.11.2"),
  MINECRAFT_1_12(335, "1.12"),
  MINECRAFT_1_12_1(338, "1.12.1"),
  MINECRAFT_1_12_2(340, "1.12.2"),
  MINECRAFT_1_13(393, "1.13"),
  MINECRAFT_1_13_1(401, "1.13.1"),
  MINECRAFT_1_13_2(404, "1.13.2"),
  MINECRAFT_1_14(477, "1.14"),
  MINECRAFT_1_14_1(480, "1.14.1"),
  MINECRAFT_1_14_2(485, "1.14.2"),
  MINECRAFT_1_14_3(490, "1.14.3"),
  MINECRAFT_1_14_4(498, "1.14.4"),
  MINECRAFT_1_15(573, "1.15"),
  MINECRAFT_1_15_1(575, "1.15.1"),
  MINECRAFT_1_15_2(578, "1.15.2"),
  MINECRAFT_1_16(735, "1.16"),
  MINECRAFT_1_16_1(736, "1.16.1"),
  MINECRAFT_1_16_2(751, "1.16.2"),
  MINECRAFT_1_16_3(753, "1.16.3"),
  MINECRAFT_1_16_4(754, "1.16.4", "1.16.5"),
  MINECRAFT_1_17(755, "1.17"),
  MINECRAFT_1_17_1(756, "1.17.1"),
  MINECRAFT_1_18(757, "1.18", "1.18.1"),
  MINECRAFT_1_18_2(758, "1.18.2"),
  MINECRAFT_1_19(759, "1.19"),
  MINECRAFT_1_19_1(760, "1.19.1", "1.19.2"),
  MINECRAFT_1_19_3(761, "1.19.3"),
  MINECRAFT_1_19_4(762, "1.19.4"),
  MINECRAFT_1_20(763, "1.20", "1.20.1"),
  MINECRAFT_1_20_2(764, "1.20.2"),
  MINECRAFT_1_20_3(765, "1.20.3", "1.20.4"),
  MINECRAFT_1_20_5(766, "1.20.5", "1.20.6"),
  MINECRAFT_1_21(767, "1.21", "1.21.1"),
  MINECRAFT_1_21_2(768, "1.21.2", "1.21.3");

  /** Oldest supported version. */
  public static final ProtocolVersion MINIMUM_VERSION = MINECRAFT_1_7_2;

  /** Newest version known to this (mirror) enum. */
  public static final ProtocolVersion MAXIMUM_VERSION = values()[values().length - 1];

  /** Every version except {@link #UNKNOWN} and {@link #LEGACY}. */
  public static final Set<ProtocolVersion> SUPPORTED_VERSIONS;

  private static final Map<Integer, ProtocolVersion> BY_PROTOCOL = new HashMap<>();

  static {
    EnumSet<ProtocolVersion> supported = EnumSet.noneOf(ProtocolVersion.class);
    for (ProtocolVersion version : values()) {
      BY_PROTOCOL.putIfAbsent(version.protocol, version);
      if (version.isSupported()) {
        supported.add(version);
      }
    }
    SUPPORTED_VERSIONS = Collections.unmodifiableSet(supported);
  }

  private final int protocol;
  private final String[] names;

  ProtocolVersion(int protocol, String... names) {
    this.protocol = protocol;
    this.names = names;
  }

  /**
   * The protocol number sent in the handshake.
   *
   * @return the protocol number
   */
  public int getProtocol() {
    return protocol;
  }

  /**
   * First Minecraft version using this protocol.
   *
   * @return the version name
   * @deprecated use {@link #getVersionIntroducedIn()}
   */
  @Deprecated
  public String getName() {
    return getVersionIntroducedIn();
  }

  /**
   * First Minecraft version using this protocol.
   *
   * @return the version name
   */
  public String getVersionIntroducedIn() {
    return names[0];
  }

  /**
   * Last Minecraft version using this protocol.
   *
   * @return the version name
   */
  public String getMostRecentSupportedVersion() {
    return names[names.length - 1];
  }

  /**
   * All Minecraft versions using this protocol.
   *
   * @return the version names
   */
  public List<String> getVersionsSupportedBy() {
    return List.of(names);
  }

  /**
   * Whether the proxy accepts clients of this version.
   *
   * @return {@code true} except for UNKNOWN and LEGACY
   */
  public boolean isSupported() {
    return true;
  }

  /**
   * Whether a protocol number belongs to a supported version.
   *
   * @param protocol the protocol number
   * @return whether supported
   */
  public static boolean isSupported(int protocol) {
    return getProtocolVersion(protocol).isSupported();
  }

  /**
   * Null-safe {@link #isSupported()}.
   *
   * @param version the version, may be null
   * @return whether supported
   */
  public static boolean isSupported(ProtocolVersion version) {
    return version != null && version.isSupported();
  }

  /**
   * Looks up a protocol number.
   *
   * @param protocol the protocol number
   * @return the version, or {@link #UNKNOWN}
   */
  public static ProtocolVersion getProtocolVersion(int protocol) {
    return BY_PROTOCOL.getOrDefault(protocol, UNKNOWN);
  }

  /**
   * Whether this is {@link #UNKNOWN}.
   *
   * @return whether unknown
   */
  public boolean isUnknown() {
    return false;
  }

  /**
   * Whether this is {@link #LEGACY}.
   *
   * @return whether legacy
   */
  public boolean isLegacy() {
    return false;
  }

  @Override
  public String toString() {
    return getVersionIntroducedIn();
  }
}
