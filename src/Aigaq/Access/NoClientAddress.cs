namespace Aigaq.Access;

/// <summary>
/// Endpoint metadata: the access log keeps no client address for requests to this endpoint. The anonymous reporter's
/// pages and API carry it (ADR 0025): an address kept beside a report made anonymously could name its author.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoClientAddressAttribute : Attribute;
