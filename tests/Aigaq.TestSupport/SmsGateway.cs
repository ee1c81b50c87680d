using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Aigaq.TestSupport;

/// <summary>A tiny real HTTP SMS gateway on loopback: takes POSTs of <c>{ "to", "text" }</c>.</summary>
public sealed class SmsGateway : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private SmsGateway(int port)
    {
        Url = new Uri($"http://127.0.0.1:{port}/sms/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string To, string Text)> Received { get; } = new();

    /// <summary>The status the gateway answers with; set to 503 to make it fail.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    /// <summary>While set, each request waits for it before it is answered: a send that takes as long as the test wants.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Released once for every request that arrives (answered or still held).</summary>
    public SemaphoreSlim Arrived { get; } = new(0);

    public static SmsGateway Start() => new(SmtpSink.FreePort());

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Arrived.Release();
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        using (var reader = new StreamReader(context.Request.InputStream))
        {
            var body = JsonNode.Parse(await reader.ReadToEndAsync());
            if (Answer == HttpStatusCode.OK && context.Request.HttpMethod == "POST")
            {
                Received.Enqueue((Field(body, "to"), Field(body, "text")));
            }
        }

        context.Response.StatusCode = (int)Answer;
        context.Response.Close();
    }

    private static string Field(JsonNode? body, string name) =>
        body?[name]?.GetValue<string>() ?? throw new InvalidOperationException($"'{name}' missing in {body?.ToJsonString()}");

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        Arrived.Dispose();
    }
}
