global using Aigaq.Tests.Infrastructure;
