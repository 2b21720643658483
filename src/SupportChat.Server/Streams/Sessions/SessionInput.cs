using Grpc.Core;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>Everything that reaches a stream's single writer loop.</summary>
internal abstract record SessionInput;

/// <summary>An event without a seq: written as it comes.</summary>
internal sealed record PlainInput(ServerEvent Event) : SessionInput;

/// <summary>A command refused: written as an Error event. Kept typed (not yet an event) so that a browser call waiting
/// for its command's answer can take it as its status (<see cref="CommandReplies"/>) without parsing the code back.</summary>
internal sealed record ErrorInput(StatusCode Code, string Message, string? ClientMsgId = null, string? ConversationId = null) : SessionInput;

/// <summary>Consecutive messages of one conversation from the other participants.</summary>
internal sealed record MessagesInput(string ConversationId, IReadOnlyList<MessageView> Messages) : SessionInput;

/// <summary>The participant's own sends of one conversation, now durable: acknowledged in seq order.</summary>
internal sealed record AcksInput(string ConversationId, IReadOnlyList<SendReceipt> Receipts) : SessionInput;

/// <summary>A gap in a conversation's seqs has lasted long enough to fetch what is missing.</summary>
internal sealed record GapCheckInput : SessionInput;

/// <summary>The participant got a conversation (or, with a null view, has one to reattach after sign-in).</summary>
internal sealed record AttachInput(string ConversationId, AssignmentView? Assignment) : SessionInput;

/// <summary>A customer came back: catch its stream up from the subscription it made.</summary>
internal sealed record ResumedInput(SubscribeResult Result) : SessionInput;

internal sealed record EndedInput(EndedView Ended) : SessionInput;

internal sealed record RefreshInput : SessionInput;

/// <summary>Issue 21: a private note; written only on a stream that sees notes (an agent's).</summary>
internal sealed record NoteInput(NoteView Note) : SessionInput;
