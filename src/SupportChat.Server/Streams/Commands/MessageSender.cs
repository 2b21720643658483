using System.Diagnostics;
using Grpc.Core;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// The send path of one stream. Each send's client_msg_id and text are checked and it is charged against the
/// participant's rate here at the edge; what passes goes to the conversation in one SendBatch call. Every send is
/// answered on its own: an ack once durable (in seq order with the conversation's messages), or an error naming its
/// client_msg_id. A send refused for a passing reason holds back the later sends of this stream to that conversation
/// (<see cref="SendHolds"/>), so that a sender's messages are stored in the order it sent them. Not thread safe: used
/// only from the stream's command loop.
/// </summary>
internal sealed class MessageSender(SendRateLimit rateLimit, ILogger logger)
{
    /// <summary>Largest run of sends handed to a conversation in one call.</summary>
    public const int MaxBatch = 256;

    private readonly SendHolds _holds = new();

    public async Task SendBatchAsync(ParticipantSession session, IConversationGrain conversation, string conversationId,
        IReadOnlyList<SendMessage> sends)
    {
        var received = Stopwatch.GetTimestamp();
        var held = _holds.Take(conversationId);
        if (held is { MayBeStored: true } && sends.Count > 0 && sends[0].ClientMsgId != held.First
            && await IsStoredAsync(conversation, session.ParticipantId, held.First))
        {
            held = held.OnceStored();
        }

        var accepted = new List<OutgoingText>(sends.Count);
        foreach (var send in sends)
        {
            if (held is not null)
            {
                if (send.ClientMsgId != held.First)
                {
                    // Not charged: it is refused only to keep its place behind the refused one.
                    session.Post(new ErrorInput(StatusCode.Unavailable, SendHolds.HeldBack(held.First), send.ClientMsgId, conversationId));
                    held = held.Next is null ? held with { Next = send.ClientMsgId } : held;
                    continue;
                }

                held = null; // the refused send came back: it is handled like any other, and the hold lifts
            }

            try
            {
                var clientMsgId = CommandRules.ClientMsgId(send.ClientMsgId);
                ChargeRate(session, conversationId);
                accepted.Add(new OutgoingText(clientMsgId, CommandRules.Text(send.Text)));
            }
            catch (Exception ex) when (ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                session.Post(new ErrorInput(code, message, send.ClientMsgId, conversationId));
                held = SendHolds.IsPassing(code) ? new SendHold(send.ClientMsgId, MayBeStored: false) : held;
            }
        }

        if (accepted.Count > 0 && await SendAcceptedAsync(session, conversation, conversationId, accepted, received) is { } refused)
        {
            // A send the conversation refuses came before any refused above: those came after every accepted one.
            held = refused with { Next = held?.First };
        }

        _holds.Keep(conversationId, held);
    }

    /// <summary>Whether the held send was stored after all; false when that cannot be told now (the hold stays).</summary>
    private static async Task<bool> IsStoredAsync(IConversationGrain conversation, string participantId, string clientMsgId)
    {
        try
        {
            return await conversation.HasStored(participantId, clientMsgId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];

    private void ChargeRate(ParticipantSession session, string conversationId)
    {
        try
        {
            rateLimit.Charge();
        }
        catch
        {
            session.Metrics.RateLimited("send");
            ServerLog.SendRateLimited(logger, session.ParticipantId, conversationId);
            throw;
        }
    }

    /// <summary>The one grain call; returns the hold on the first send refused for a passing reason, if any.</summary>
    private async Task<SendHold?> SendAcceptedAsync(ParticipantSession session, IConversationGrain conversation, string conversationId,
        List<OutgoingText> accepted, long received)
    {
        SendHold? firstRefused = null;
        try
        {
            var outcomes = await conversation.SendBatch(session.ParticipantId, accepted);
            var receipts = new List<SendReceipt>(outcomes.Count);
            foreach (var outcome in outcomes)
            {
                if (outcome.Receipt is { } receipt)
                {
                    receipts.Add(receipt);
                    continue;
                }

                var code = outcome.Error is { } error ? ChatErrors.ToStatusCode(error) : StatusCode.Internal;
                session.Post(new ErrorInput(code, outcome.ErrorMessage ?? string.Empty, outcome.ClientMsgId, conversationId));
                // Refused by the conversation: not stored (a whole unit is stored or none of it).
                firstRefused ??= SendHolds.IsPassing(code) ? new SendHold(outcome.ClientMsgId, MayBeStored: false) : null;
            }

            if (receipts.Count > 0)
            {
                // Every send of the batch was durable at the same moment: one latency each, from when the batch was taken.
                var latency = Stopwatch.GetElapsedTime(received);
                foreach (var _ in receipts)
                {
                    session.Metrics.AckLatency(latency);
                }

                session.Post(new AcksInput(receipts[0].ConversationId, receipts));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }
            else if (SendHolds.IsPassing(code))
            {
                // Silent otherwise: a node's death shows in the cluster's log, not why one stream's sends kept failing.
                ServerLog.SendsRefused(logger, accepted.Count, session.ParticipantId, conversationId, $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
            }

            foreach (var send in accepted)
            {
                session.Post(new ErrorInput(code, message, send.ClientMsgId, conversationId));
            }

            // The call failed, not the store: the conversation may have stored the run before its node went.
            firstRefused = SendHolds.IsPassing(code) ? new SendHold(accepted[0].ClientMsgId, MayBeStored: true) : null;
        }

        return firstRefused;
    }
}
