global using Aigaq.Tests.Infrastructure;
global using Aigaq.TestSupport;
