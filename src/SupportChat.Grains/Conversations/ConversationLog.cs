using Microsoft.Extensions.Logging;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// A conversation's messages as this activation knows them, and the one way in: stored first, then taken in and told
/// to the other participants. The conversation keeps the seqs and which sends it has; this keeps the messages.
/// </summary>
internal sealed class ConversationLog(IChatStore store, TimeProvider time, ConversationObservers observers, ILogger logger)
{
    public const string NotStoredMessage = "the message could not be stored; it was not sent. Retry with the same client_msg_id.";

    // Seq n at index n - 1: the store's seqs are gapless and the log holds all of them from 1.
    private readonly List<StoredMessage> _messages = [];

    public IReadOnlyList<StoredMessage> Messages => _messages;

    public async Task LoadAsync(string conversationId, CancellationToken cancellationToken) =>
        _messages.AddRange(await store.GetMessagesAsync(conversationId, 0, cancellationToken));

    /// <summary>One outcome per send, in order: a send already stored (or repeated within the batch) gets the stored
    /// original; the new ones are stored as one unit and told to everyone else in one notification.</summary>
    public Task<IReadOnlyList<SendOutcome>> AppendAsync(Conversation conversation, MessageAuthor author, IReadOnlyList<OutgoingText> sends) =>
        AppendAsync(conversation, author, sends, caughtUp: false);

    private async Task<IReadOnlyList<SendOutcome>> AppendAsync(Conversation conversation, MessageAuthor author, IReadOnlyList<OutgoingText> sends,
        bool caughtUp)
    {
        var outcomes = new SendOutcome?[sends.Count];
        var fresh = new List<StoredMessage>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sends.Count; i++)
        {
            var (clientMsgId, text) = (sends[i].ClientMsgId, sends[i].Text);
            if (conversation.FindSent(author.Id, clientMsgId) is null && inBatch.Add(clientMsgId))
            {
                fresh.Add(new StoredMessage(conversation.Id, conversation.PeekNextSeq() + fresh.Count, Ids.NewMessageId(), author.Role, author.Id,
                    author.Name, text, clientMsgId, time.UtcNowMs()));
            }
        }

        if (fresh.Count > 0)
        {
            try
            {
                // The streams on this node are told by the store's writer as soon as the unit is durable (the views are
                // made before, so it touches nothing this grain changes); the rest once this turn resumes.
                var views = fresh.ConvertAll(MessageView.Of);
                await store.AppendAsync(fresh, () => observers.TellLocalMessages(views), CancellationToken.None);
                await AcceptAsync(conversation, fresh, views, toldLocally: true);
            }
            catch (StoreConflictException) when (!caughtUp)
            {
                // An earlier append was committed although its caller heard of a failure: take it in, then retry once.
                await CatchUpAsync(conversation);
                return await AppendAsync(conversation, author, sends, caughtUp: true);
            }
            catch (Exception ex) when (ex is not ChatException)
            {
                GrainLog.AppendFailed(logger, ex, conversation.Id);
                foreach (var message in fresh)
                {
                    outcomes[IndexOf(sends, message.ClientMsgId)] = SendOutcome.Refused(message.ClientMsgId, ErrorCode.Unavailable, NotStoredMessage);
                }
            }
        }

        for (var i = 0; i < sends.Count; i++)
        {
            if (outcomes[i] is null)
            {
                var seq = conversation.FindSent(author.Id, sends[i].ClientMsgId)
                    ?? throw new InvalidOperationException($"send {sends[i].ClientMsgId} was neither stored nor refused.");
                var m = _messages[(int)seq - 1];
                outcomes[i] = SendOutcome.Sent(new SendReceipt(m.ConversationId, m.ClientMsgId, m.Seq, m.MessageId, m.SentAt));
            }
        }

        return outcomes!;
    }

    /// <summary>A notice from SupportChat itself (a transfer, an agent lost, a customer gone), in the same way as a
    /// participant's send; refused, it is thrown as the <see cref="ChatException"/> the refusal stands for.</summary>
    public async Task AppendSystemAsync(Conversation conversation, string text)
    {
        // A fresh client_msg_id: a notice is never a retry of an earlier one.
        var outcomes = await AppendAsync(conversation, MessageAuthor.System, [new OutgoingText(Ids.NewMessageId(), text)]);
        outcomes[0].ReceiptOrThrow();
    }

    /// <summary>The messages after <paramref name="afterSeq"/>, for a stream catching up.</summary>
    public IReadOnlyList<MessageView> After(long afterSeq) =>
        afterSeq >= _messages.Count
            ? []
            : _messages.GetRange((int)Math.Max(0, afterSeq), _messages.Count - (int)Math.Max(0, afterSeq)).ConvertAll(MessageView.Of);

    /// <summary>Takes in what the store holds beyond what this activation knows, telling everyone, one message at a time.</summary>
    private async Task CatchUpAsync(Conversation conversation)
    {
        foreach (var message in await store.GetMessagesAsync(conversation.Id, conversation.LastSeq, CancellationToken.None))
        {
            await AcceptAsync(conversation, [message], [MessageView.Of(message)], toldLocally: false);
        }
    }

    /// <summary>Takes in consecutive stored messages of one sender and tells the others of them (<paramref name="views"/>)
    /// in one notification; with <paramref name="toldLocally"/>, the streams on this node were told already, on durability.</summary>
    private Task AcceptAsync(Conversation conversation, IReadOnlyList<StoredMessage> stored, List<MessageView> views, bool toldLocally)
    {
        foreach (var message in stored)
        {
            conversation.Appended(message);
            _messages.Add(message);
        }

        return observers.TellMessagesAsync(views, remoteOnly: toldLocally);
    }

    private static int IndexOf(IReadOnlyList<OutgoingText> sends, string clientMsgId)
    {
        for (var i = 0; i < sends.Count; i++)
        {
            if (sends[i].ClientMsgId == clientMsgId)
            {
                return i;
            }
        }

        return -1;
    }
}
