using System.Runtime.InteropServices;

namespace OllyStack.Core.Batches;

/// <summary>An attribute: key and value, both in the batch's heap.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct KeyValueRef(Utf8Ref Key, AnyValue Value);
