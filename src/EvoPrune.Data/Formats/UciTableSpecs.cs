namespace EvoPrune.Data.Formats;

/// <summary>
/// Read specs for the 14 bundled UCI tables, with each file's quirks (see shared/data/MANIFEST.md):
/// scikit-learn count headers (iris, wine, breast_cancer_wdbc), column-name headers (statlog_heart,
/// statlog_segment, letter, vowel), id columns dropped (glass, vowel), letter and string classes, 1-based and
/// gapped class numbers mapped to 0..K-1 (glass 1,2,3,5,6,7; satimage 1,2,3,4,5,7).
/// </summary>
public static class UciTableSpecs
{
    /// <summary>Fisher's iris (scikit-learn copy): 150 x 4, 3 classes.</summary>
    public static UciTableSpec Iris { get; } = new()
    {
        Name = "iris", TrainFile = "iris.csv", CountsHeader = true, ColumnCount = 5,
        Labels = LabelMapping.Range(0, 3, ["setosa", "versicolor", "virginica"]),
        Description = "Fisher's iris, 150 x 4, 3 classes",
    };

    /// <summary>UCI wine (scikit-learn copy): 178 x 13, 3 cultivars.</summary>
    public static UciTableSpec Wine { get; } = new()
    {
        Name = "wine", TrainFile = "wine_data.csv", CountsHeader = true, ColumnCount = 14,
        Labels = LabelMapping.Range(0, 3, ["class_0", "class_1", "class_2"]), Description = "wine cultivars, 178 x 13, 3 classes",
    };

    /// <summary>Wisconsin diagnostic breast cancer (scikit-learn copy): 569 x 30; 0 = malignant, 1 = benign.</summary>
    public static UciTableSpec BreastCancerWdbc { get; } = new()
    {
        Name = "breast_cancer_wdbc", TrainFile = "breast_cancer.csv", CountsHeader = true, ColumnCount = 31,
        Labels = LabelMapping.Range(0, 2, ["malignant", "benign"]), Description = "WDBC, 569 x 30, 0 = malignant / 1 = benign",
    };

    /// <summary>Optical digits: 8x8 images with values 0..16; own train (3,823) and test (1,797) files.</summary>
    public static UciTableSpec Optdigits { get; } = new()
    {
        Name = "optdigits", TrainFile = "optdigits.tra", TestFile = "optdigits.tes", ColumnCount = 65,
        Labels = LabelMapping.Range(0, 10), Shape = ImageShape.Grey(8, 8), Description = "8x8 digits (0..16), 3,823 / 1,797",
    };

    /// <summary>Ionosphere radar returns: 351 x 34, classes b (bad) and g (good).</summary>
    public static UciTableSpec Ionosphere { get; } = new()
    {
        Name = "ionosphere", TrainFile = "ionosphere.csv", ColumnCount = 35,
        Labels = LabelMapping.Strings(["b", "g"], ["bad", "good"]), Description = "radar returns, 351 x 34, 2 classes",
    };

    /// <summary>Sonar: 208 x 60, classes M (mine) and R (rock).</summary>
    public static UciTableSpec Sonar { get; } = new()
    {
        Name = "sonar", TrainFile = "sonar.csv", ColumnCount = 61, Labels = LabelMapping.Strings(["M", "R"], ["mine", "rock"]),
        Description = "sonar mines vs rocks, 208 x 60",
    };

    /// <summary>Pima Indians diabetes: 768 x 8, 1 = tested positive.</summary>
    public static UciTableSpec PimaDiabetes { get; } = new()
    {
        Name = "pima_diabetes", TrainFile = "pima-indians-diabetes.csv", ColumnCount = 9,
        Labels = LabelMapping.Range(0, 2, ["negative", "positive"]), Description = "Pima diabetes, 768 x 8, 2 classes",
    };

    /// <summary>Glass identification: 214 x 9 (the Id column is dropped: it leaks the class), types 1,2,3,5,6,7.</summary>
    public static UciTableSpec Glass { get; } = new()
    {
        Name = "glass", TrainFile = "glass.data", ColumnCount = 11, DropColumns = [0],
        Labels = LabelMapping.Integers([1, 2, 3, 5, 6, 7], ["building_float", "building_non_float", "vehicle_float", "containers", "tableware", "headlamps"]),
        Description = "glass types, 214 x 9, 6 classes (Id dropped)",
    };

    /// <summary>Statlog heart: whitespace, a column-name header, 270 x 13, class 1 = absent, 2 = present.</summary>
    public static UciTableSpec StatlogHeart { get; } = new()
    {
        Name = "statlog_heart", TrainFile = "heart.dat", Delimiter = null, HeaderLines = 1, ColumnCount = 14,
        Labels = LabelMapping.Range(1, 2, ["absent", "present"]), Description = "heart disease, 270 x 13, 2 classes",
    };

    /// <summary>Statlog vehicle silhouettes: whitespace, 846 x 18, classes bus/opel/saab/van.</summary>
    public static UciTableSpec StatlogVehicle { get; } = new()
    {
        Name = "statlog_vehicle", TrainFile = "vehicle.dat", Delimiter = null, ColumnCount = 19,
        Labels = LabelMapping.Strings(["bus", "opel", "saab", "van"]), Description = "vehicle silhouettes, 846 x 18, 4 classes",
    };

    /// <summary>Statlog image segmentation: whitespace, a header, 2,310 x 19, classes 1..7.</summary>
    public static UciTableSpec StatlogSegment { get; } = new()
    {
        Name = "statlog_segment", TrainFile = "segment.dat", Delimiter = null, HeaderLines = 1, ColumnCount = 20,
        Labels = LabelMapping.Range(1, 7, ["brickface", "sky", "foliage", "cement", "window", "path", "grass"]),
        Description = "image segments, 2,310 x 19, 7 classes",
    };

    /// <summary>Letter recognition: a header, the letter A..Z in column 0, 16 ints; conventional 16,000 / 4,000 split.</summary>
    public static UciTableSpec Letter { get; } = new()
    {
        Name = "letter", TrainFile = "letter-recognition.data", HeaderLines = 1, ColumnCount = 17, LabelColumn = 0,
        Labels = LabelMapping.Strings(Enumerable.Range('A', 26).Select(c => ((char)c).ToString()).ToArray()),
        ConventionalTrainCount = 16000, Description = "letters A..Z, 20,000 x 16 (first 16,000 train)",
    };

    /// <summary>Statlog Landsat satimage: whitespace, 36 ints, classes 1,2,3,4,5,7; own train and test files.</summary>
    public static UciTableSpec Satimage { get; } = new()
    {
        Name = "satimage", TrainFile = "sat.trn", TestFile = "sat.tst", Delimiter = null, ColumnCount = 37,
        Labels = LabelMapping.Integers([1, 2, 3, 4, 5, 7], ["red_soil", "cotton_crop", "grey_soil", "damp_grey_soil", "vegetation_stubble", "very_damp_grey_soil"]),
        Description = "Landsat 3x3x4 patches, 4,435 / 2,000, 6 classes",
    };

    /// <summary>Deterding vowels: header, row.names dropped, class 1..11 in column 1; own train and test files.</summary>
    public static UciTableSpec Vowel { get; } = new()
    {
        Name = "vowel", TrainFile = "vowel.train", TestFile = "vowel.test", HeaderLines = 1, ColumnCount = 12, LabelColumn = 1, DropColumns = [0],
        Labels = LabelMapping.Range(1, 11, ["hid", "hId", "hEd", "hAd", "hYd", "had", "hOd", "hod", "hUd", "hud", "hed"]),
        Description = "vowels, 528 / 462 x 10, 11 classes",
    };

    /// <summary>All 14 specs, in catalog order.</summary>
    public static IReadOnlyList<UciTableSpec> All { get; } =
    [
        Iris, Wine, BreastCancerWdbc, Optdigits, Ionosphere, Sonar, PimaDiabetes, Glass,
        StatlogHeart, StatlogVehicle, StatlogSegment, Letter, Satimage, Vowel,
    ];

    /// <summary>The spec named <paramref name="name"/> (exact catalog name, case-insensitive), or null.</summary>
    public static UciTableSpec? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
