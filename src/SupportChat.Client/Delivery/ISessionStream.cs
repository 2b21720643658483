using System.Threading.Channels;
using SupportChat.Client.Events;

namespace SupportChat.Client.Delivery;

/// <summary>What every session exposes, whatever its command type.</summary>
internal interface ISessionStream : IAsyncDisposable
{
    ChannelReader<ChatEvent> Events { get; }

    Task Completion { get; }

    string ParticipantId { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task LeaveAsync(CancellationToken cancellationToken);
}
