using System.Reflection;
using System.Reflection.Emit;

namespace SupportChat.Storage.Tests;

/// <summary>
/// The types a compiled type refers to: its base type, interfaces and attributes, its fields, properties and method
/// signatures, and everything its method bodies name (locals, catch clauses, and every type, field and method token
/// in the IL), its nested types (lambdas, async state machines) included. Constants are not there: the compiler copies
/// their values in.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => (ushort)op.Value);

    public static IReadOnlySet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var t in WithNested(type))
        {
            Collect(t, found);
        }

        return found;
    }

    private static IEnumerable<Type> WithNested(Type type) => type.GetNestedTypes(Declared).SelectMany(WithNested).Prepend(type);

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        Array.ForEach(type.GetInterfaces(), i => Add(i, found));
        AddAttributes(type.GetCustomAttributesData(), found);
        foreach (var member in type.GetMembers(Declared))
        {
            AddAttributes(member.GetCustomAttributesData(), found);
            switch (member)
            {
                case FieldInfo field:
                    Add(field.FieldType, found);
                    break;
                case PropertyInfo property:
                    Add(property.PropertyType, found);
                    break;
                case EventInfo e:
                    Add(e.EventHandlerType, found);
                    break;
                case MethodBase method:
                    AddSignature(method, found);
                    AddBody(method, found);
                    break;
            }
        }
    }

    private static void AddBody(MethodBase method, HashSet<Type> found)
    {
        var body = method.GetMethodBody();
        if (body?.GetILAsByteArray() is not { } il)
        {
            return;
        }

        body.LocalVariables.ToList().ForEach(local => Add(local.LocalType, found));
        body.ExceptionHandlingClauses.Where(c => c.Flags == ExceptionHandlingClauseOptions.Clause).ToList().ForEach(c => Add(c.CatchType, found));
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? (ushort)(0xFE00 | il[i + 1]) : il[i];
            i += code > 0xFF ? 2 : 1;
            var op = OpCodesByValue[code];
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                AddMember(method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments), found);
            }

            i += OperandSize(op.OperandType, il, i);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static void AddMember(MemberInfo? member, HashSet<Type> found)
    {
        switch (member)
        {
            case Type type:
                Add(type, found);
                break;
            case FieldInfo field:
                Add(field.DeclaringType, found);
                Add(field.FieldType, found);
                break;
            case MethodBase method:
                Add(method.DeclaringType, found);
                AddSignature(method, found);
                break;
        }
    }

    private static void AddSignature(MethodBase method, HashSet<Type> found)
    {
        if (method is MethodInfo info)
        {
            Add(info.ReturnType, found);
            if (info.IsGenericMethod)
            {
                Array.ForEach(info.GetGenericArguments(), a => Add(a, found));
            }
        }

        Array.ForEach(method.GetParameters(), p => Add(p.ParameterType, found));
    }

    private static void AddAttributes(IEnumerable<CustomAttributeData> attributes, HashSet<Type> found)
    {
        foreach (var attribute in attributes)
        {
            Add(attribute.AttributeType, found);
        }
    }

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(type.GetElementType(), found);
        }
        else if (type.IsConstructedGenericType)
        {
            Add(type.GetGenericTypeDefinition(), found);
            Array.ForEach(type.GetGenericArguments(), a => Add(a, found));
        }
        else
        {
            found.Add(type);
        }
    }
}
