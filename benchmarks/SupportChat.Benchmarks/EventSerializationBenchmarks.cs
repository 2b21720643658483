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

    private readonly byte[] _buffer = new byte[4096];

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

    [Benchmark(Description = "send command: parse")]
    public CustomerCommand ParseSend() => CustomerCommand.Parser.ParseFrom(SendBytes);

    private static readonly byte[] SendBytes = new CustomerCommand
    {
        Send = new SendMessage { ClientMsgId = "m-0123456789abcdef", Text = "a message of about sixty-four bytes, like the relay benchmark's" },
    }.ToByteArray();
}
