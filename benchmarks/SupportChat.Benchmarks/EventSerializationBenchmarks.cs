using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;

namespace SupportChat.Benchmarks;

/// <summary>What every relayed message costs on the wire: mapping a stored message to the recipient's event and its
/// ack to the sender's, and serializing both.</summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private readonly MessageView _message = new("c-0123456789abcdef", 42, Guid.NewGuid().ToString("N"), SupportChat.Domain.Messages.SenderRole.Customer, "u-0123456789",
        "Ada Lovelace", "a message of about sixty-four bytes, like the relay benchmark's", "m-0123456789abcdef", DateTimeOffset.UtcNow);

    private readonly byte[] _buffer = new byte[16384];
    private ServerEvent[] _burst = [];

    [GlobalSetup]
    public void Setup() => _burst = [.. Enumerable.Range(1, 32).Select(_ => EventMapper.Message(_message))];

    [Benchmark(Description = "message: map + serialize")]
    public int Message()
    {
        var e = EventMapper.Message(_message);
        var size = e.CalculateSize();
        e.WriteTo(_buffer.AsSpan(0, size));
        return size;
    }

    [Benchmark(Description = "ack: map + serialize")]
    public int Ack()
    {
        var e = EventMapper.Ack(new SendReceipt(_message.ConversationId, _message.ClientMsgId, _message.Seq, _message.MessageId, _message.SentAt));
        var size = e.CalculateSize();
        e.WriteTo(_buffer.AsSpan(0, size));
        return size;
    }

    // A burst of 32 events serialized as 32 frames or as one EventBatch: what nesting costs in serialization alone (the
    // saving of a batch is in the transport: one gRPC message and one pipe write instead of 32).
    [Benchmark(Description = "32 messages: serialize as 32 frames")]
    public int BurstAsFrames()
    {
        var total = 0;
        foreach (var e in _burst)
        {
            var size = e.CalculateSize();
            e.WriteTo(_buffer.AsSpan(0, size));
            total += size;
        }

        return total;
    }

    [Benchmark(Description = "32 messages: serialize as one EventBatch")]
    public int BurstAsBatch()
    {
        var batch = new EventBatch();
        batch.Events.AddRange(_burst);
        var frame = new ServerEvent { Batch = batch };
        var size = frame.CalculateSize();
        frame.WriteTo(_buffer.AsSpan(0, size));
        return size;
    }

    [Benchmark(Description = "send command: parse")]
    public CustomerCommand ParseSend() => CustomerCommand.Parser.ParseFrom(SendBytes);

    private static readonly byte[] SendBytes = new CustomerCommand
    {
        Send = new SendMessage { ClientMsgId = "m-0123456789abcdef", Text = "a message of about sixty-four bytes, like the relay benchmark's" },
    }.ToByteArray();
}
