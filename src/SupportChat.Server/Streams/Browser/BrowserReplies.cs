using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Browser;

/// <summary>
/// The answers of the browser calls whose commands the command loop is carrying out (one command, or a run of sends):
/// a send's error (matched by client_msg_id) or ack, or another command's error. An error answers its call only, as the
/// call's status; an ack answers its call and still goes to the Events stream, as on a bidi stream. Once the commands
/// are done a typing, read or end notice that met no error has succeeded.
/// </summary>
internal sealed class BrowserReplies(IReadOnlyList<BrowserCall> calls, TimeProvider time) : ICommandReplies
{
    private volatile bool _finished;

    public bool Take(SessionInput input)
    {
        if (_finished)
        {
            return false; // e.g. a coalesced read notice sent later by its timer: its error goes to the stream
        }

        switch (input)
        {
            case ErrorInput error when Waiting(error.ClientMsgId ?? string.Empty) is { } call:
                call.Refuse(new Status(error.Code, error.Message));
                return true;
            case AcksInput acks:
                foreach (var receipt in acks.Receipts)
                {
                    Waiting(receipt.ClientMsgId)?.Succeed(EventMapper.Ack(receipt).Ack);
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The commands are done: what has no answer yet gets one.</summary>
    public void Finish()
    {
        _finished = true;
        foreach (var call in calls)
        {
            if (call.IsSend)
            {
                // Every send is answered by the send path; this only keeps a caller from waiting for ever if one is not.
                call.Refuse(new Status(StatusCode.Internal, "the server could not process this command; try again."));
            }
            else
            {
                call.Succeed(new BrowserDone { At = Timestamp.FromDateTimeOffset(time.GetUtcNow()) });
            }
        }
    }

    private BrowserCall? Waiting(string clientMsgId)
    {
        foreach (var call in calls)
        {
            if (!call.IsAnswered && (!call.IsSend || call.ClientMsgId == clientMsgId))
            {
                return call;
            }
        }

        return null;
    }
}
