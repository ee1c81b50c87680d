namespace Aigaq.Cli;

/// <summary>
/// The arguments a command did not take go to the ASP.NET host, which reads them as configuration
/// (<c>--key value</c>, <c>--key=value</c>, <c>/key value</c>, <c>key=value</c>). The host would take any key, so a
/// misspelt option (<c>--dayz 5</c>) would be dropped unseen and the command would run with its default; only keys
/// that are configuration pass: a section path (<c>Aigaq:DataDir</c>, <c>ConnectionStrings:Aigaq</c>,
/// <c>Logging:LogLevel:Default</c>, <c>Kestrel:...</c>) or one of the host's own settings (<c>--urls</c>...).
/// </summary>
internal static class HostArguments
{
    /// <summary>
    /// The settings of the web host and the generic host that have no section, and the sections the application reads
    /// (the test host passes each section of its configuration, <c>--Aigaq=</c> included).
    /// </summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "http_ports", "https_ports", "environment", "applicationName", "contentRoot", "webroot",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "startupAssembly",
        "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "suppressStatusMessages",
        "preferHostingUrls", "AllowedHosts", "Aigaq", "ConnectionStrings", "Logging", "Kestrel",
    };

    /// <summary>Null when every argument is the host's; otherwise the one-line reason naming the first that is not.</summary>
    public static string? Check(IReadOnlyList<string> args, string command)
    {
        var help = command.Length == 0 ? "aigaq --help" : $"aigaq {command} --help";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var start = arg.StartsWith("--", StringComparison.Ordinal) ? 2 : arg.StartsWith('-') || arg.StartsWith('/') ? 1 : 0;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (start == 0 && equals < 0)
            {
                return command.Length == 0
                    ? $"unknown command '{arg}' (see '{help}')"
                    : $"unexpected argument '{arg}' for '{command}' (see '{help}')";
            }

            var key = equals < 0 ? arg[start..] : arg[start..equals];
            // OpenTelemetry's own settings (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_METRIC_EXPORT_INTERVAL, ...) have no section.
            if (!key.Contains(':', StringComparison.Ordinal) && !HostKeys.Contains(key) && !key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            {
                return $"unknown option '{(equals < 0 ? arg : arg[..equals])}'{(command.Length == 0 ? "" : $" for '{command}'")} (see '{help}')";
            }

            if (equals < 0 && i + 1 < args.Count && !IsKey(args[i + 1]))
            {
                i++; // its value
            }
        }

        return null;
    }

    private static bool IsKey(string arg) => arg.StartsWith('-');
}
