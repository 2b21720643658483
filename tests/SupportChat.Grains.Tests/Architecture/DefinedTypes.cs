using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace SupportChat.Grains.Tests.Architecture;

/// <summary>Decodes a signature into the types of the assembly being read that it names (types of other assemblies,
/// primitives and generic parameters name none).</summary>
internal sealed class DefinedTypes : ISignatureTypeProvider<IEnumerable<TypeDefinitionHandle>, object?>
{
    public IEnumerable<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

    public IEnumerable<TypeDefinitionHandle> GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => [];

    public IEnumerable<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);

    public IEnumerable<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

    public IEnumerable<TypeDefinitionHandle> GetGenericMethodParameter(object? context, int index) => [];

    public IEnumerable<TypeDefinitionHandle> GetGenericTypeParameter(object? context, int index) => [];

    public IEnumerable<TypeDefinitionHandle> GetGenericInstantiation(IEnumerable<TypeDefinitionHandle> genericType,
        ImmutableArray<IEnumerable<TypeDefinitionHandle>> typeArguments) => genericType.Concat(typeArguments.SelectMany(argument => argument));

    public IEnumerable<TypeDefinitionHandle> GetSZArrayType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

    public IEnumerable<TypeDefinitionHandle> GetArrayType(IEnumerable<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

    public IEnumerable<TypeDefinitionHandle> GetByReferenceType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

    public IEnumerable<TypeDefinitionHandle> GetPointerType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

    public IEnumerable<TypeDefinitionHandle> GetPinnedType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;

    public IEnumerable<TypeDefinitionHandle> GetModifiedType(IEnumerable<TypeDefinitionHandle> modifier, IEnumerable<TypeDefinitionHandle> unmodifiedType,
        bool isRequired) => modifier.Concat(unmodifiedType);

    public IEnumerable<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(parameter => parameter));
}
