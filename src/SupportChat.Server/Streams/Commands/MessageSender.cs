using Grpc.Core;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// The send path of one stream. Each send is charged against the participant's rate and its client_msg_id and text
/// are checked here at the edge; what passes goes to the conversation in one SendBatch call. Every send is answered
/// on its own: an ack once durable (in seq order with the conversation's messages), or an error naming its
/// client_msg_id.
/// </summary>
internal sealed class MessageSender(SendRateLimit rateLimit, ILogger logger)
{
    /// <summary>Largest run of sends handed to a conversation in one call.</summary>
    public const int MaxBatch = 256;

    public async Task SendBatchAsync(ParticipantSession session, IConversationGrain conversation, string conversationId,
        IReadOnlyList<SendMessage> sends)
    {
        var accepted = new List<OutgoingText>(sends.Count);
        foreach (var send in sends)
        {
            try
            {
                rateLimit.Charge();
                accepted.Add(new OutgoingText(CommandRules.ClientMsgId(send.ClientMsgId), CommandRules.Text(send.Text)));
            }
            catch (Exception ex) when (ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                session.Post(new PlainInput(ChatErrors.ToEvent(code, message, send.ClientMsgId, conversationId)));
            }
        }

        if (accepted.Count == 0)
        {
            return;
        }

        try
        {
            var outcomes = await conversation.SendBatch(session.ParticipantId, accepted);
            var receipts = new List<SendReceipt>(outcomes.Count);
            foreach (var outcome in outcomes)
            {
                if (outcome.Receipt is { } receipt)
                {
                    receipts.Add(receipt);
                }
                else
                {
                    var code = outcome.Error is { } error ? ChatErrors.ToStatusCode(error) : StatusCode.Internal;
                    session.Post(new PlainInput(ChatErrors.ToEvent(code, outcome.ErrorMessage ?? string.Empty, outcome.ClientMsgId, conversationId)));
                }
            }

            if (receipts.Count > 0)
            {
                session.Post(new AcksInput(receipts[0].ConversationId, receipts));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }

            foreach (var send in accepted)
            {
                session.Post(new PlainInput(ChatErrors.ToEvent(code, message, send.ClientMsgId, conversationId)));
            }
        }
    }
}
