package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldCodecTest {

    private static PayloadReader reader(String hex) {
        return new PayloadReader(Hex.bytes(hex), DecodeLimits.MINECRAFT);
    }

    private static <T> T readAll(String hex, Function<PayloadReader, T> field) {
        PayloadReader in = reader(hex);
        T value = field.apply(in);
        in.expectEnd();
        return value;
    }

    private static LedgerDecodeException.Reason failure(String hex, Function<PayloadReader, ?> field) {
        return assertThrows(LedgerDecodeException.class, () -> readAll(hex, field)).reason();
    }

    @ParameterizedTest
    @CsvSource({"0, 00", "1, 01", "127, 7f", "128, 8001", "255, ff01", "25565, dd c7 01", "2097151, ffff7f",
            "2147483647, ffffffff07", "-1, ffffffff0f", "-2147483648, 8080808008"})
    void varIntMatchesTheMinecraftEncoding(int value, String hex) {
        assertEquals(value, (int) readAll(hex, PayloadReader::readVarInt));
        assertEquals(Hex.of(Hex.bytes(hex)), Hex.of(new PayloadWriter().writeVarInt(value).toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000", "ff00", "808000", "ffffffff1f", "ffffffff8f01", "8080808080", "80", "ff"})
    void varIntRejectsOverlongSixthByteWideAndTruncated(String hex) {
        LedgerDecodeException.Reason reason = failure(hex, PayloadReader::readVarInt);
        assertTrue(reason == BAD_VARINT || reason == TRUNCATED, reason::toString);
    }

    @Test
    void stringLimitsAreMinecraftsAndCheckedBeforeReading() {
        // A prefix above 3 x 32767 fails without needing the bytes to be present.
        assertEquals(STRING_TOO_LONG, failure("fe ff 05", PayloadReader::readString));
        assertEquals(NEGATIVE_LENGTH, failure("ffffffff0f", PayloadReader::readString));
        assertEquals(TRUNCATED, failure("05 6162", PayloadReader::readString));
        // 32768 ASCII chars: within the byte prefix limit, over the char limit.
        byte[] tooMany = new byte[3 + 32768];
        tooMany[0] = (byte) 0x80;
        tooMany[1] = (byte) 0x80;
        tooMany[2] = 0x02;
        java.util.Arrays.fill(tooMany, 3, tooMany.length, (byte) 'a');
        assertEquals(STRING_TOO_LONG, assertThrows(LedgerDecodeException.class,
                () -> new PayloadReader(tooMany, DecodeLimits.MINECRAFT).readString()).reason());
        assertThrows(IllegalArgumentException.class, () -> new PayloadWriter().writeString("a".repeat(32768)));
        assertEquals("ab", readAll("02 6162", in -> in.readString(2)));
        assertEquals(STRING_TOO_LONG, failure("03 616263", in -> in.readString(2)));
        // 4-byte sequences count as two UTF-16 units against the limit.
        assertEquals(STRING_TOO_LONG, failure("04 f09d849e", in -> in.readString(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "01 80", "01 bf", "01 c0", "02 c0 80", "02 c1 bf", "01 c3", "02 c3 41", "03 e0 80 80", "03 e0 9f bf",
        "03 ed a0 80", "03 ed bf bf", "02 e2 9c", "04 f0 80 80 80", "04 f0 8f bf bf", "04 f4 90 80 80",
        "04 f5 80 80 80", "01 ff", "01 fe"})
    void malformedUtf8IsRejected(String hex) {
        assertEquals(MALFORMED_UTF8, failure(hex, PayloadReader::readString));
    }

    @Test
    void wellFormedUtf8Boundaries() {
        assertEquals("\u0080", readAll("02 c2 80", PayloadReader::readString));
        assertEquals("\u07ff", readAll("02 df bf", PayloadReader::readString));
        assertEquals("\u0800", readAll("03 e0 a0 80", PayloadReader::readString));
        assertEquals("\ud7ff", readAll("03 ed 9f bf", PayloadReader::readString));
        assertEquals("\ue000", readAll("03 ee 80 80", PayloadReader::readString));
        assertEquals("\uffff", readAll("03 ef bf bf", PayloadReader::readString));
        assertEquals(new String(Character.toChars(0x10000)), readAll("04 f0 90 80 80", PayloadReader::readString));
        assertEquals(new String(Character.toChars(0x10FFFF)), readAll("04 f4 8f bf bf", PayloadReader::readString));
        assertSame("", readAll("00", PayloadReader::readString));
    }

    @Test
    void writerRejectsUnpairedSurrogates() {
        assertThrows(IllegalArgumentException.class, () -> new PayloadWriter().writeString("a\ud800"));
        assertThrows(IllegalArgumentException.class, () -> new PayloadWriter().writeString("\udc00b"));
        assertThrows(IllegalArgumentException.class, () -> new PayloadWriter().writeString("\ud800\ud800"));
    }

    @Test
    void booleansAreStrictInDocumentedLayoutsAndLenientWhereWeModelTheBackend() {
        assertEquals(true, readAll("01", PayloadReader::readBoolean));
        assertEquals(false, readAll("00", PayloadReader::readBoolean));
        assertEquals(INVALID_BOOLEAN, failure("02", PayloadReader::readBoolean));
        assertEquals(INVALID_BOOLEAN, failure("ff", PayloadReader::readBoolean));
        assertEquals(true, readAll("1c", PayloadReader::readBooleanLenient));
        assertEquals(false, readAll("00", PayloadReader::readBooleanLenient));
    }

    @Test
    void intAndLongAreBigEndian() {
        assertEquals(0x01020304, (int) readAll("01020304", PayloadReader::readInt));
        assertEquals(-2, (int) readAll("fffffffe", PayloadReader::readInt));
        assertEquals(0x0102030405060708L, (long) readAll("0102030405060708", PayloadReader::readLong));
        assertEquals(Long.MIN_VALUE, (long) readAll("8000000000000000", PayloadReader::readLong));
        assertEquals("8000000000000001", Hex.of(new PayloadWriter().writeLong(Long.MIN_VALUE + 1).toByteArray()));
        assertEquals(TRUNCATED, failure("010203", PayloadReader::readInt));
        assertEquals(TRUNCATED, failure("01020304050607", PayloadReader::readLong));
    }

    @Test
    void uuidIsMostThenLeastSignificantLong() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertEquals(uuid, readAll("00112233445566778899aabbccddeeff", PayloadReader::readUuid));
        assertEquals("00112233445566778899aabbccddeeff", Hex.of(new PayloadWriter().writeUuid(uuid).toByteArray()));
    }

    @Test
    void blockPosPackingSignExtendsEachField() {
        assertEquals(new BlockPos(10, 64, -5), BlockPos.fromLong(0x000002bfffffb040L));
        assertEquals(0x000002bfffffb040L, new BlockPos(10, 64, -5).asLong());
        assertEquals(new BlockPos(-1, -1, -1), BlockPos.fromLong(-1L));
        assertEquals(new BlockPos(-33554432, 0, 0), BlockPos.fromLong(0x8000000000000000L));
        assertEquals(new BlockPos(0, -2048, 0), BlockPos.fromLong(0x800L));
        assertEquals(new BlockPos(0, 0, -33554432), BlockPos.fromLong(0x2000000000L));
        assertThrows(IllegalArgumentException.class, () -> new BlockPos(33554432, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BlockPos(0, 0, -33554433));
        assertThrows(IllegalArgumentException.class, () -> new BlockPos(0, 2048, 0));
        assertThrows(IllegalArgumentException.class, () -> new BlockPos(0, -2049, 0));
    }

    @Test
    void identifiersAreParsedLikeMinecraft() {
        assertEquals(new Identifier("minecraft", "stone"), readAll("0f 6d696e6563726166743a73746f6e65",
                PayloadReader::readIdentifier));
        // No namespace, or an empty one, means minecraft; written back in full.
        Identifier bare = readAll("05 73746f6e65", PayloadReader::readIdentifier);
        assertEquals(Identifier.minecraft("stone"), bare);
        assertEquals(Identifier.minecraft("stone"), readAll("06 3a73746f6e65", PayloadReader::readIdentifier));
        assertEquals("0f6d696e6563726166743a73746f6e65", Hex.of(new PayloadWriter().writeIdentifier(bare).toByteArray()));
        assertEquals(new Identifier("my_mod.x-1", "a/b.c_d-e"), Identifier.parse("my_mod.x-1:a/b.c_d-e"));
        assertEquals(new Identifier("ledger", ""), Identifier.parse("ledger:"));
        assertEquals(Identifier.minecraft("x"), Identifier.parse(":x"));
        assertThrows(IllegalArgumentException.class, () -> new Identifier("", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stone", "minecraft:Stone", "mine/craft:stone", "a:b:c", "minecraft:st one", "é", "a:b\\c",
            "minecraft:stone\u0000"})
    void invalidIdentifiersAreRejectedOnReadAndConstruction(String text) {
        byte[] bytes = new PayloadWriter().writeString(text).toByteArray();
        assertEquals(INVALID_IDENTIFIER, assertThrows(LedgerDecodeException.class,
                () -> new PayloadReader(bytes, DecodeLimits.MINECRAFT).readIdentifier()).reason());
        assertThrows(IllegalArgumentException.class, () -> Identifier.parse(text));
    }

    @Test
    void identifierCharacterClasses() {
        for (int c = 0; c < 128; c++) {
            boolean ns = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
            assertEquals(ns, Identifier.isNamespaceChar(c), "char " + c);
            assertEquals(ns || c == '/', Identifier.isPathChar(c));
        }
        assertFalse(Identifier.isPathChar(':'));
        assertFalse(Identifier.isPathChar(0xe9));
    }

    @Test
    void countsAreCheckedAgainstLimitAndRemainingBytesBeforeAllocation() {
        assertEquals(NEGATIVE_LENGTH, failure("ffffffff", in -> in.readCount(16)));
        assertEquals(COUNT_OUT_OF_RANGE, failure("7fffffff", in -> in.readCount(16)));
        assertEquals(TRUNCATED, failure("00000002 " + "00".repeat(31), in -> in.readCount(16)));
        assertEquals(COUNT_OUT_OF_RANGE, failure("00001001", in -> in.readCount(0)));
        assertEquals(2, new PayloadReader(Hex.bytes("00000002" + "00".repeat(32)), DecodeLimits.MINECRAFT)
                .readCount(16));
    }
}
