using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SupportChat.Grains.Tests.Architecture;

/// <summary>
/// The types of an assembly that one of its type definitions uses: base type, interfaces, fields, signatures,
/// constraints, attribute constructors, locals, catch clauses and every token in its method bodies. Attribute
/// arguments such as typeof(T) are not read.
/// </summary>
internal sealed class UsedTypes(PEReader pe, MetadataReader reader)
{
    private static readonly Dictionary<ushort, OperandType> Operands = ReadOperandTypes();
    private readonly DefinedTypes _types = new();

    public HashSet<TypeDefinitionHandle> Found { get; } = [];

    public void AddType(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        Add(type.BaseType);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            Add(reader.GetInterfaceImplementation(implementation).Interface);
        }

        AddGenericParameters(type.GetGenericParameters());
        AddAttributes(type.GetCustomAttributes());
        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            Found.UnionWith(field.DecodeSignature(_types, null));
            AddAttributes(field.GetCustomAttributes());
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            AddSignature(property.DecodeSignature(_types, null));
            AddAttributes(property.GetCustomAttributes());
        }

        foreach (var implementation in type.GetMethodImplementations())
        {
            Add(reader.GetMethodImplementation(implementation).MethodDeclaration);
        }

        foreach (var methodHandle in type.GetMethods())
        {
            AddMethod(reader.GetMethodDefinition(methodHandle));
        }
    }

    private void AddMethod(MethodDefinition method)
    {
        AddSignature(method.DecodeSignature(_types, null));
        AddGenericParameters(method.GetGenericParameters());
        AddAttributes(method.GetCustomAttributes());
        foreach (var parameter in method.GetParameters())
        {
            AddAttributes(reader.GetParameter(parameter).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            Found.UnionWith(reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_types, null).SelectMany(local => local));
        }

        foreach (var region in body.ExceptionRegions)
        {
            Add(region.CatchType);
        }

        AddTokens(body.GetILReader());
    }

    private void AddTokens(BlobReader il)
    {
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default: // InlineI, InlineBrTarget, ShortInlineR, InlineString: four bytes that name no type
                    il.ReadInt32();
                    break;
            }
        }
    }

    private void Add(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                Found.UnionWith(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_types, null));
                break;
            case HandleKind.MethodDefinition:
                Found.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                Found.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                Add(member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    AddSignature(member.DecodeMethodSignature(_types, null));
                }
                else
                {
                    Found.UnionWith(member.DecodeFieldSignature(_types, null));
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                Add(specification.Method);
                Found.UnionWith(specification.DecodeSignature(_types, null).SelectMany(argument => argument));
                break;
            case HandleKind.StandaloneSignature:
                var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    AddSignature(signature.DecodeMethodSignature(_types, null));
                }

                break;
        }
    }

    private void AddSignature(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature)
    {
        Found.UnionWith(signature.ReturnType);
        Found.UnionWith(signature.ParameterTypes.SelectMany(parameter => parameter));
    }

    private void AddGenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in reader.GetGenericParameter(parameter).GetConstraints())
            {
                Add(reader.GetGenericParameterConstraint(constraint).Type);
            }
        }
    }

    private void AddAttributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var attribute in attributes)
        {
            Add(reader.GetCustomAttribute(attribute).Constructor);
        }
    }

    private static Dictionary<ushort, OperandType> ReadOperandTypes()
    {
        var operands = new Dictionary<ushort, OperandType>();
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            operands.TryAdd((ushort)code.Value, code.OperandType);
        }

        return operands;
    }
}
