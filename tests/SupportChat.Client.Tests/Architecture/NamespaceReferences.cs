using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SupportChat.Client.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly reference which, read from the compiled metadata: base types, interfaces,
/// signatures of fields, methods and properties, generic constraints, attributes, and inside method bodies every
/// token an instruction names, the locals and the types of catch clauses. A nested type (a lambda's closure, an
/// async state machine) counts as its outermost declaring type.
/// </summary>
internal static class NamespaceReferences
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .DistinctBy(o => o.Value)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>For every (from, to) pair of distinct namespaces under <paramref name="root"/>, one example of a reference.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(string assemblyPath, string root)
    {
        using var file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file);
        var md = pe.GetMetadataReader();
        var edges = new Dictionary<(string, string), string>();
        foreach (var handle in md.TypeDefinitions)
        {
            var from = Namespace(md, handle);
            if (!Under(from, root))
            {
                continue;
            }

            var source = Name(md, handle);
            foreach (var (target, via) in References(md, pe, handle))
            {
                var to = Namespace(md, target);
                if (to != from && Under(to, root))
                {
                    edges.TryAdd((from, to), $"{source} ({via}) uses {Name(md, target)}");
                }
            }
        }

        return edges;
    }

    private static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static string Namespace(MetadataReader md, TypeDefinitionHandle handle) => md.GetString(md.GetTypeDefinition(Outermost(md, handle)).Namespace);

    private static string Name(MetadataReader md, TypeDefinitionHandle handle) => md.GetString(md.GetTypeDefinition(Outermost(md, handle)).Name);

    private static TypeDefinitionHandle Outermost(MetadataReader md, TypeDefinitionHandle handle)
    {
        while (md.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer)
        {
            handle = outer;
        }

        return handle;
    }

    private static IEnumerable<(TypeDefinitionHandle Target, string Via)> References(MetadataReader md, PEReader pe, TypeDefinitionHandle handle)
    {
        var types = new TypeCollector(md);
        var type = md.GetTypeDefinition(handle);
        var name = md.GetString(type.Name);
        var found = new List<(TypeDefinitionHandle, string)>();
        void Add(IEnumerable<TypeDefinitionHandle> targets, string via) => found.AddRange(targets.Select(t => (t, via)));

        Add(types.Of(type.BaseType), "base type");
        Add(type.GetInterfaceImplementations().SelectMany(i => types.Of(md.GetInterfaceImplementation(i).Interface)), "interface");
        Add(Constraints(md, types, type.GetGenericParameters()), "constraint");
        Add(Attributes(md, types, type.GetCustomAttributes()), "attribute");
        foreach (var f in type.GetFields())
        {
            var field = md.GetFieldDefinition(f);
            Add(field.DecodeSignature(types, null), $"{name}.{md.GetString(field.Name)}");
            Add(Attributes(md, types, field.GetCustomAttributes()), $"{name}.{md.GetString(field.Name)}");
        }

        foreach (var p in type.GetProperties())
        {
            var property = md.GetPropertyDefinition(p);
            Add(TypeCollector.Types(property.DecodeSignature(types, null)), $"{name}.{md.GetString(property.Name)}");
        }

        foreach (var m in type.GetMethods())
        {
            var method = md.GetMethodDefinition(m);
            var via = $"{name}.{md.GetString(method.Name)}";
            Add(TypeCollector.Types(method.DecodeSignature(types, null)), via);
            Add(Constraints(md, types, method.GetGenericParameters()), via);
            Add(Attributes(md, types, method.GetCustomAttributes()), via);
            if (method.RelativeVirtualAddress != 0)
            {
                Add(Body(md, types, pe.GetMethodBody(method.RelativeVirtualAddress)), via);
            }
        }

        return found;
    }

    private static IEnumerable<TypeDefinitionHandle> Constraints(MetadataReader md, TypeCollector types, GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(p => md.GetGenericParameter(p).GetConstraints())
            .SelectMany(c => types.Of(md.GetGenericParameterConstraint(c).Type));

    private static IEnumerable<TypeDefinitionHandle> Attributes(MetadataReader md, TypeCollector types, CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => types.Of(md.GetCustomAttribute(a).Constructor));

    private static IEnumerable<TypeDefinitionHandle> Body(MetadataReader md, TypeCollector types, MethodBodyBlock body)
    {
        var found = new List<TypeDefinitionHandle>();
        if (!body.LocalSignature.IsNil)
        {
            found.AddRange(md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(types, null).SelectMany(t => t));
        }

        found.AddRange(body.ExceptionRegions.Where(r => !r.CatchType.IsNil).SelectMany(r => types.Of(r.CatchType)));
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig or OperandType.InlineTok or OperandType.InlineType:
                    found.AddRange(types.Of(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                case OperandType.InlineSwitch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
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

        return found;
    }

    /// <summary>The types of this assembly that a handle or a signature names, generic arguments included.</summary>
    private sealed class TypeCollector(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        public IEnumerable<TypeDefinitionHandle> Of(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [(TypeDefinitionHandle)handle];
                case HandleKind.TypeSpecification:
                    return md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.MethodDefinition:
                    return [md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()];
                case HandleKind.FieldDefinition:
                    return [md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()];
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return Of(spec.Method).Concat(spec.DecodeSignature(this, null).SelectMany(t => t));
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    return member.GetKind() == MemberReferenceKind.Method
                        ? Of(member.Parent).Concat(Types(member.DecodeMethodSignature(this, null)))
                        : Of(member.Parent).Concat(member.DecodeFieldSignature(this, null));
                case HandleKind.StandaloneSignature:
                    var signature = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    return signature.GetKind() == StandaloneSignatureKind.Method ? Types(signature.DecodeMethodSignature(this, null)) : [];
                default:
                    return []; // other assemblies' types (TypeReference) and anything that names no type
            }
        }

        public static IEnumerable<TypeDefinitionHandle> Types(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ParameterTypes.SelectMany(t => t).Concat(signature.ReturnType);

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            [.. modifier, .. unmodifiedType];

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
    }
}
