using Google.Protobuf;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Server.Streams.Browser;

/// <summary>
/// One unary call of BrowserCustomer (Send, Typing, Read, End): the command it hands to its Events stream's command loop,
/// and the answer the call waits for. The answer is a value, never a faulted task: a caller that stopped waiting (its
/// call was cancelled) must not leave an exception nobody observes.
/// </summary>
internal sealed class BrowserCall(CustomerCommand command)
{
    private readonly TaskCompletionSource<BrowserAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CustomerCommand Command => command;

    public bool IsSend => command.CommandCase == CustomerCommand.CommandOneofCase.Send;

    public string ClientMsgId => command.Send?.ClientMsgId ?? string.Empty;

    public bool IsAnswered => _answer.Task.IsCompleted;

    public Task<BrowserAnswer> Answer => _answer.Task;

    public void Succeed(IMessage reply) => _answer.TrySetResult(new BrowserAnswer(reply, null));

    public void Refuse(Status status) => _answer.TrySetResult(new BrowserAnswer(null, status));
}

/// <summary>A reply, or the status the call ends with.</summary>
internal sealed record BrowserAnswer(IMessage? Reply, Status? Refusal);
