using SupportChat.Domain.Hours;

namespace SupportChat.Domain.Tests.Hours;

public class DepartmentHoursTests
{
    [Fact]
    public void SplitOption_SemicolonsAndRepeats_OneEntryPerDepartment()
    {
        var entries = DepartmentHours.SplitOption(["billing=Mon-Fri 09:00-17:00 Europe/Amsterdam; sales=Sat 10:00-12:00 UTC", "tech=Sun 10:00-11:00 UTC"]);

        var hours = DepartmentHours.From(entries);

        Assert.Equal(["billing", "sales", "tech"], hours.Departments.Order());
        Assert.NotNull(hours.For("Billing"));
        Assert.Null(hours.For("general"));
    }

    [Fact]
    public void From_BadHours_NamesTheDepartment()
    {
        var ex = Assert.Throws<HoursFormatException>(() => DepartmentHours.From([new("sales", "Mon 09:00-17:00 Nowhere/Land")]));

        Assert.StartsWith("hours of 'sales': unknown time zone 'Nowhere/Land'", ex.Message);
    }

    [Theory]
    [InlineData("Mon-Fri 09:00-17:00 UTC", "names no department")]
    [InlineData("billing=Mon 09:00-10:00 UTC;billing=Tue 09:00-10:00 UTC", "has hours twice")]
    public void SplitOptionAndFrom_Mistakes_Refused(string option, string expected)
    {
        var ex = Assert.Throws<HoursFormatException>(() => DepartmentHours.From(DepartmentHours.SplitOption([option])));

        Assert.Contains(expected, ex.Message);
    }
}
