using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>An in-process call context (the shape of grpc-dotnet's examples/Tester): the call's cancellation is the
/// test's to trigger, and an HttpContext without a connection, so the join limiter has no bucket to charge.</summary>
internal sealed class TestServerCallContext(Metadata requestHeaders, CancellationToken cancellationToken) : ServerCallContext
{
    // Where Grpc.AspNetCore's GetHttpContext() looks when the context is not its own.
    private readonly Dictionary<object, object> _userState = new() { ["__HttpContext"] = new DefaultHttpContext() };
    private readonly Metadata _responseTrailers = [];
    private readonly AuthContext _authContext = new(string.Empty, []);

    public static TestServerCallContext Create(CancellationToken cancellationToken = default, Metadata? requestHeaders = null) =>
        new(requestHeaders ?? [], cancellationToken);

    protected override string MethodCore => "MethodName";

    protected override string HostCore => "HostName";

    protected override string PeerCore => "PeerName";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => requestHeaders;

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => _authContext;

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
