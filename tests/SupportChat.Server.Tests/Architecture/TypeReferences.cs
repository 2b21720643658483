using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SupportChat.Server.Tests.Architecture;

/// <summary>
/// Which of an assembly's own types each of its types uses, read from the compiled metadata: base types, interfaces,
/// signatures of fields, methods and properties, attributes, local variables, and every type, method and field token in
/// method bodies. A nested type (a lambda's closure, an async state machine) counts as its outermost type.
/// </summary>
internal sealed class TypeReferences
{
    private static readonly Dictionary<short, OperandType> OpCodeOperands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _metadata;
    private readonly PEReader _pe;

    private TypeReferences(PEReader pe)
    {
        _pe = pe;
        _metadata = pe.GetMetadataReader();
    }

    /// <summary>(user, used) pairs of full type names, both outermost types of the assembly, user ≠ used.</summary>
    public static IReadOnlyList<(string User, string Used)> Of(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        return new TypeReferences(pe).Collect();
    }

    private List<(string User, string Used)> Collect()
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var handle in _metadata.TypeDefinitions)
        {
            var user = Outermost(handle);
            var used = new HashSet<TypeDefinitionHandle>();
            var collector = new Collector(used);
            CollectFromType(handle, collector);
            foreach (var target in used.Select(Outermost).Where(t => t != user))
            {
                pairs.Add((Name(user), Name(target)));
            }
        }

        return [.. pairs];
    }

    private void CollectFromType(TypeDefinitionHandle handle, Collector collector)
    {
        var type = _metadata.GetTypeDefinition(handle);
        AddType(type.BaseType, collector);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            AddType(_metadata.GetInterfaceImplementation(implementation).Interface, collector);
        }

        AddAttributes(type.GetCustomAttributes(), collector);
        AddGenericConstraints(type.GetGenericParameters(), collector);
        foreach (var fieldHandle in type.GetFields())
        {
            var field = _metadata.GetFieldDefinition(fieldHandle);
            field.DecodeSignature(collector, null);
            AddAttributes(field.GetCustomAttributes(), collector);
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = _metadata.GetPropertyDefinition(propertyHandle);
            property.DecodeSignature(collector, null);
            AddAttributes(property.GetCustomAttributes(), collector);
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = _metadata.GetMethodDefinition(methodHandle);
            method.DecodeSignature(collector, null);
            AddAttributes(method.GetCustomAttributes(), collector);
            AddGenericConstraints(method.GetGenericParameters(), collector);
            foreach (var parameter in method.GetParameters())
            {
                AddAttributes(_metadata.GetParameter(parameter).GetCustomAttributes(), collector);
            }

            if (method.RelativeVirtualAddress != 0)
            {
                AddBody(_pe.GetMethodBody(method.RelativeVirtualAddress), collector);
            }
        }
    }

    private void AddBody(MethodBodyBlock body, Collector collector)
    {
        if (!body.LocalSignature.IsNil)
        {
            _metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(collector, null);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (OpCodeOperands[value])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddToken(MetadataTokens.EntityHandle(il.ReadInt32()), collector);
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
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

    private void AddToken(EntityHandle handle, Collector collector)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                AddType(handle, collector);
                break;
            case HandleKind.MethodDefinition:
                collector.Used.Add(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                collector.Used.Add(_metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = _metadata.GetMemberReference((MemberReferenceHandle)handle);
                AddToken(member.Parent, collector);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(collector, null);
                }
                else
                {
                    member.DecodeFieldSignature(collector, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = _metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddToken(specification.Method, collector);
                specification.DecodeSignature(collector, null);
                break;
        }
    }

    private void AddType(EntityHandle handle, Collector collector)
    {
        switch (handle.Kind)
        {
            // A type without a base type (<Module>, interfaces) has a nil one, which still says TypeDefinition.
            case HandleKind.TypeDefinition when !handle.IsNil:
                collector.Used.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(collector, null);
                break;
        }
    }

    private void AddAttributes(CustomAttributeHandleCollection attributes, Collector collector)
    {
        foreach (var attribute in attributes)
        {
            AddToken(_metadata.GetCustomAttribute(attribute).Constructor, collector);
        }
    }

    private void AddGenericConstraints(GenericParameterHandleCollection parameters, Collector collector)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in _metadata.GetGenericParameter(parameter).GetConstraints())
            {
                AddType(_metadata.GetGenericParameterConstraint(constraint).Type, collector);
            }
        }
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        while (_metadata.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
        {
            handle = declaring;
        }

        return handle;
    }

    private string Name(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var ns = _metadata.GetString(type.Namespace);
        return ns.Length == 0 ? _metadata.GetString(type.Name) : $"{ns}.{_metadata.GetString(type.Name)}";
    }

    /// <summary>Decodes signatures only for the side effect of noting the assembly's own types in them.</summary>
    private sealed class Collector(HashSet<TypeDefinitionHandle> used) : ISignatureTypeProvider<object?, object?>
    {
        public HashSet<TypeDefinitionHandle> Used => used;

        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            used.Add(handle);
            return null;
        }

        public object? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;

        public object? GetArrayType(object? elementType, ArrayShape shape) => null;

        public object? GetByReferenceType(object? elementType) => null;

        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;

        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;

        public object? GetGenericMethodParameter(object? genericContext, int index) => null;

        public object? GetGenericTypeParameter(object? genericContext, int index) => null;

        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;

        public object? GetPinnedType(object? elementType) => null;

        public object? GetPointerType(object? elementType) => null;

        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

        public object? GetSZArrayType(object? elementType) => null;
    }
}
