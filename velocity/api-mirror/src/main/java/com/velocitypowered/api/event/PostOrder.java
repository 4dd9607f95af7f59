package com.velocitypowered.api.event;

/**
 * Coarse handler ordering. Velocity maps them to priorities FIRST=32766, EARLY=16383, NORMAL=0,
 * LATE=-16384, LAST=-32767; CUSTOM means "use {@link Subscribe#priority()}".
 */
public enum PostOrder {
  FIRST,
  EARLY,
  NORMAL,
  LATE,
  LAST,
  CUSTOM
}
