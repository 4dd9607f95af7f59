package com.velocitypowered.api.event.connection;

import com.google.common.io.ByteArrayDataInput;
import com.google.common.io.ByteStreams;
import com.velocitypowered.api.event.ResultedEvent;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import com.velocitypowered.api.proxy.messages.ChannelMessageSource;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A plugin message on a registered channel passing through the proxy. Awaited: the message is
 * forwarded (or not) after all handlers have finished, depending on the final result.
 * Client to server: source is the {@code Player}, target the {@code ServerConnection}; server to
 * client the other way round.
 */
public final class PluginMessageEvent implements ResultedEvent<PluginMessageEvent.ForwardResult> {

  private final ChannelMessageSource source;
  private final ChannelMessageSink target;
  private final ChannelIdentifier identifier;
  private final byte[] data;
  private ForwardResult result;

  /**
   * Creates the event; the result starts as {@link ForwardResult#forward()}.
   *
   * @param source where the message comes from
   * @param target where it would be forwarded to
   * @param identifier the channel
   * @param data the payload (kept, not copied, as in the real API)
   * @throws NullPointerException if any argument is null
   */
  public PluginMessageEvent(ChannelMessageSource source, ChannelMessageSink target,
      ChannelIdentifier identifier, byte[] data) {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.data = Objects.requireNonNull(data, "data");
    this.result = ForwardResult.forward();
  }

  @Override
  public ForwardResult getResult() {
    return result;
  }

  /**
   * Sets the result.
   *
   * @param result the result
   * @throws NullPointerException if {@code result} is null
   */
  @Override
  public void setResult(ForwardResult result) {
    this.result = Objects.requireNonNull(result, "result");
  }

  /**
   * The sender.
   *
   * @return the source
   */
  public ChannelMessageSource getSource() {
    return source;
  }

  /**
   * The receiver the message is forwarded to unless handled.
   *
   * @return the target
   */
  public ChannelMessageSink getTarget() {
    return target;
  }

  /**
   * The channel.
   *
   * @return the identifier
   */
  public ChannelIdentifier getIdentifier() {
    return identifier;
  }

  /**
   * A copy of the payload; changing it does not change what is forwarded.
   *
   * @return a fresh copy of the data
   */
  public byte[] getData() {
    return Arrays.copyOf(data, data.length);
  }

  /**
   * The payload as a stream.
   *
   * @return a stream over the data
   */
  public ByteArrayInputStream dataAsInputStream() {
    return new ByteArrayInputStream(data);
  }

  /**
   * The payload as a Guava data input.
   *
   * @return a data input over the data
   */
  public ByteArrayDataInput dataAsDataStream() {
    return ByteStreams.newDataInput(data);
  }

  @Override
  public String toString() {
    return "PluginMessageEvent{source=" + source + ", target=" + target
        + ", identifier=" + identifier + ", data=" + Arrays.toString(data)
        + ", result=" + result + '}';
  }

  /** Whether the proxy forwards the message after the event. */
  public static final class ForwardResult implements ResultedEvent.Result {

    private static final ForwardResult FORWARD = new ForwardResult(true);
    private static final ForwardResult HANDLED = new ForwardResult(false);

    private final boolean forward;

    private ForwardResult(boolean forward) {
      this.forward = forward;
    }

    /**
     * Forward the message to its target (the default). Always the same instance.
     *
     * @return the forward result
     */
    public static ForwardResult forward() {
      return FORWARD;
    }

    /**
     * The proxy handled the message; do not forward it. Always the same instance.
     *
     * @return the handled result
     */
    public static ForwardResult handled() {
      return HANDLED;
    }

    @Override
    public boolean isAllowed() {
      return forward;
    }

    @Override
    public String toString() {
      return forward ? "forward to sink" : "handled message at proxy";
    }
  }
}
