using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SupportChat.Architecture.Tests;

/// <summary>
/// Which namespace (folder) of one assembly uses which, read from the compiled assembly: base types, interfaces,
/// attributes, fields, signatures, locals, catch clauses and every type, method and field a method body touches
/// (constants are not there: the compiler copies their values in). Nested and compiler-made types
/// (lambdas, async state machines) count as their outermost type. Only the project's own namespaces are nodes:
/// generated code outside them (Orleans' serializers, regex and logging generators' helpers) is left out.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> OneByte = [];
    private static readonly Dictionary<short, OperandType> TwoByte = [];

    private readonly MetadataReader _reader;
    private readonly string _root;

    static NamespaceGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            (code.Size == 1 ? OneByte : TwoByte)[(short)(code.Value & 0xFF)] = code.OperandType;
        }
    }

    private NamespaceGraph(MetadataReader reader, string root)
    {
        _reader = reader;
        _root = root;
    }

    /// <summary>Namespace → the namespaces it uses (itself left out).</summary>
    public Dictionary<string, HashSet<string>> Edges { get; } = [];

    /// <summary>For each edge, one use that makes it: "Type → Type".</summary>
    public Dictionary<(string From, string To), string> Examples { get; } = [];

    public static NamespaceGraph Read(string assemblyPath, string rootNamespace)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var graph = new NamespaceGraph(pe.GetMetadataReader(), rootNamespace);
        foreach (var type in graph._reader.TypeDefinitions)
        {
            graph.Collect(pe, type);
        }

        return graph;
    }

    private void Collect(PEReader pe, TypeDefinitionHandle handle)
    {
        var from = Outermost(handle);
        if (!IsOwn(from))
        {
            return;
        }

        var type = _reader.GetTypeDefinition(handle);
        Use(from, type.BaseType);
        UseAttributes(from, type.GetCustomAttributes());
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            Use(from, _reader.GetInterfaceImplementation(implementation).Interface);
        }

        foreach (var field in type.GetFields())
        {
            UseAll(from, _reader.GetFieldDefinition(field).DecodeSignature(TypeHandles.Instance, null));
        }

        foreach (var property in type.GetProperties())
        {
            var signature = _reader.GetPropertyDefinition(property).DecodeSignature(TypeHandles.Instance, null);
            UseAll(from, signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p)));
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = _reader.GetMethodDefinition(methodHandle);
            UseAttributes(from, method.GetCustomAttributes());
            var signature = method.DecodeSignature(TypeHandles.Instance, null);
            UseAll(from, signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p)));
            if (method.RelativeVirtualAddress != 0)
            {
                UseBody(from, pe.GetMethodBody(method.RelativeVirtualAddress));
            }
        }
    }

    private void UseAttributes(TypeDefinitionHandle from, CustomAttributeHandleCollection attributes)
    {
        foreach (var attribute in attributes)
        {
            Use(from, _reader.GetCustomAttribute(attribute).Constructor);
        }
    }

    private void UseBody(TypeDefinitionHandle from, MethodBodyBlock body)
    {
        // A catch clause names its type outside the IL.
        foreach (var region in body.ExceptionRegions)
        {
            Use(from, region.CatchType);
        }

        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(TypeHandles.Instance, null))
            {
                UseAll(from, local);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            var operand = first == 0xFE ? TwoByte[il.ReadByte()] : OneByte[first];
            switch (operand)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    Use(from, MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read before the offset below is taken
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    il.Offset += 4;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
            }
        }
    }

    private void Use(TypeDefinitionHandle from, EntityHandle target)
    {
        if (target.IsNil)
        {
            return;
        }

        switch (target.Kind)
        {
            case HandleKind.TypeDefinition:
                Add(from, (TypeDefinitionHandle)target);
                break;
            case HandleKind.TypeSpecification:
                UseAll(from, _reader.GetTypeSpecification((TypeSpecificationHandle)target).DecodeSignature(TypeHandles.Instance, null));
                break;
            case HandleKind.MethodDefinition:
                Add(from, _reader.GetMethodDefinition((MethodDefinitionHandle)target).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                Add(from, _reader.GetFieldDefinition((FieldDefinitionHandle)target).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                Use(from, _reader.GetMemberReference((MemberReferenceHandle)target).Parent);
                break;
            case HandleKind.MethodSpecification:
                var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)target);
                Use(from, specification.Method);
                foreach (var argument in specification.DecodeSignature(TypeHandles.Instance, null))
                {
                    UseAll(from, argument);
                }

                break;
        }
    }

    private void UseAll(TypeDefinitionHandle from, IEnumerable<TypeDefinitionHandle> targets)
    {
        foreach (var target in targets)
        {
            Add(from, target);
        }
    }

    private void Add(TypeDefinitionHandle from, TypeDefinitionHandle target)
    {
        var to = Outermost(target);
        if (!IsOwn(to))
        {
            return;
        }

        var (fromNamespace, toNamespace) = (NamespaceOf(from), NamespaceOf(to));
        if (fromNamespace == toNamespace)
        {
            return;
        }

        if (!Edges.TryGetValue(fromNamespace, out var targets))
        {
            Edges[fromNamespace] = targets = [];
        }

        if (targets.Add(toNamespace))
        {
            Examples[(fromNamespace, toNamespace)] = $"{Name(from)} → {Name(to)}";
        }
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        while (_reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
        {
            handle = declaring;
        }

        return handle;
    }

    private bool IsOwn(TypeDefinitionHandle handle)
    {
        var ns = NamespaceOf(handle);
        return ns == _root || ns.StartsWith(_root + ".", StringComparison.Ordinal);
    }

    private string NamespaceOf(TypeDefinitionHandle handle) => _reader.GetString(_reader.GetTypeDefinition(handle).Namespace);

    private string Name(TypeDefinitionHandle handle) => $"{NamespaceOf(handle)}.{_reader.GetString(_reader.GetTypeDefinition(handle).Name)}";
}
