/**
 * Ledger's plugin messages ({@code ledger:*}), byte for byte as Minecraft, Ledger and Watson write them.
 *
 * <ul>
 *   <li>{@link net.ledgernet.protocol.LedgerPacket}: one record per channel, direction and layout, including the
 *       {@link net.ledgernet.protocol.LedgerPacket.Misread} layouts Ledger 1.3.2+ really decodes.</li>
 *   <li>{@link net.ledgernet.protocol.PacketMap}: channel id to {@link net.ledgernet.protocol.PacketCodec}, one map
 *       per direction and {@link net.ledgernet.protocol.LayoutGeneration}. Decode with
 *       {@code PacketMap.c2s(generation).decode(channelId, payload)} or {@code PacketMap.s2c().decode(...)};
 *       the result's {@link net.ledgernet.protocol.Operation} says what the backend would do.</li>
 *   <li>{@link net.ledgernet.protocol.LedgerProtocol#encode}: a packet to its payload bytes.</li>
 *   <li>{@link net.ledgernet.protocol.PayloadReader} / {@link net.ledgernet.protocol.PayloadWriter}: the
 *       {@code FriendlyByteBuf} field codecs, reusable per connection.</li>
 * </ul>
 *
 * <p>Decoding is strict and bounded by {@link net.ledgernet.protocol.DecodeLimits}: lengths and counts are
 * checked against limits and remaining bytes before anything is allocated, trailing bytes are an error, and
 * the only exception is {@link net.ledgernet.protocol.LedgerDecodeException} with a reason. Deliberate
 * differences from Minecraft's leniency, each so that decode-then-encode reproduces the input:
 * booleans in documented layouts must be 0 or 1 (the misread layouts read them as the backend does, non-zero =
 * true); malformed UTF-8, overlong VarInts and non-canonical modified UTF-8 are rejected rather than replaced.
 */
package net.ledgernet.protocol;
