/// nlpipe's own built-in word lists for gender debiasing, used when no file is given. They are
/// written for this project (not copied from debiaswe's data): common English words whose gender
/// is part of their meaning, and occupations whose meaning has none. All are lower-case; the
/// gender-specific list also covers each word's Title and UPPER forms.
public enum DefaultWordLists {
    /// Definitional pairs, [female, male]: their differences define the gender direction, so a
    /// positive projection leans towards `she`.
    public static let definitionalPairs: [WordPair] = [
        ("she", "he"), ("her", "his"), ("herself", "himself"), ("woman", "man"), ("girl", "boy"),
        ("mother", "father"), ("daughter", "son"), ("sister", "brother"), ("female", "male"), ("wife", "husband"),
    ].map { WordPair($0.0, $0.1) }

    /// Pairs made equidistant from every neutralised word, [male, female].
    public static let equalizePairs: [WordPair] = [
        ("man", "woman"), ("men", "women"), ("boy", "girl"), ("boys", "girls"), ("he", "she"), ("his", "her"),
        ("himself", "herself"), ("father", "mother"), ("fathers", "mothers"), ("son", "daughter"),
        ("sons", "daughters"), ("brother", "sister"), ("brothers", "sisters"), ("husband", "wife"),
        ("husbands", "wives"), ("king", "queen"), ("kings", "queens"), ("prince", "princess"),
        ("princes", "princesses"), ("uncle", "aunt"), ("uncles", "aunts"), ("nephew", "niece"),
        ("nephews", "nieces"), ("grandfather", "grandmother"), ("grandson", "granddaughter"),
        ("grandsons", "granddaughters"), ("grandpa", "grandma"), ("dad", "mom"), ("daddy", "mommy"),
        ("actor", "actress"), ("actors", "actresses"), ("waiter", "waitress"), ("businessman", "businesswoman"),
        ("chairman", "chairwoman"), ("spokesman", "spokeswoman"), ("congressman", "congresswoman"),
        ("councilman", "councilwoman"), ("salesman", "saleswoman"), ("gentleman", "lady"), ("gentlemen", "ladies"),
        ("male", "female"), ("males", "females"), ("boyfriend", "girlfriend"), ("monk", "nun"), ("monks", "nuns"),
        ("fraternity", "sorority"), ("duke", "duchess"), ("emperor", "empress"), ("god", "goddess"),
        ("hero", "heroine"), ("steward", "stewardess"), ("widower", "widow"), ("groom", "bride"),
        ("mr", "mrs"), ("sir", "madam"), ("stepfather", "stepmother"), ("godfather", "godmother"),
        ("schoolboy", "schoolgirl"), ("fatherhood", "motherhood"), ("brotherhood", "sisterhood"),
        ("masculine", "feminine"), ("baron", "baroness"), ("lord", "lady"), ("heir", "heiress"),
        ("policeman", "policewoman"), ("sportsman", "sportswoman"), ("paternal", "maternal"),
    ].map { WordPair($0.0, $0.1) }

    /// Words whose gender is part of their meaning: exempt from neutralising.
    public static let genderSpecific: [String] = {
        var words: [String] = []
        for pair in definitionalPairs + equalizePairs { words += [pair.first, pair.second] }
        words += [
            "him", "hers", "gal", "gals", "guy", "guys", "lad", "lads", "lass", "lasses", "bloke", "blokes",
            "mister", "ms", "miss", "maiden", "maidens", "matriarch", "patriarch", "maternity", "paternity",
            "manhood", "womanhood", "boyhood", "girlhood", "masculinity", "femininity", "sisters", "daughters",
            "mothers", "wives", "queens", "kings", "lords", "ladies", "dads", "moms", "mum", "mums", "mama",
            "papa", "granny", "grandmothers", "grandfathers", "girlfriends", "boyfriends", "fiance", "fiancee",
            "bridegroom", "brides", "grooms", "widows", "widowers", "bachelor", "spinster", "mistress",
            "countess", "marquess", "marchioness", "tsar", "tsarina", "czarina", "sultana", "priestess",
            "abbot", "abbess", "goddesses", "heroines", "stepson", "stepdaughter", "stepbrother", "stepsister",
            "stepsons", "stepdaughters", "schoolboys", "schoolgirls", "housewife", "housewives", "businessmen",
            "businesswomen", "chairmen", "chairwomen", "spokesmen", "spokeswomen", "congressmen", "congresswomen",
            "councilmen", "councilwomen", "salesmen", "saleswomen", "policemen", "policewomen", "sportsmen",
            "sportswomen", "fireman", "firemen", "statesman", "statesmen", "stateswoman", "countryman",
            "countrymen", "countrywoman", "frontman", "horseman", "horsemen", "horsewoman", "waitresses",
            "waiters", "stewardesses", "hostess", "hostesses", "heiresses", "duchesses", "empresses",
            "princesses", "baronesses", "nieces", "aunts", "uncles", "nephews", "brethren", "sisterhoods",
            "fraternities", "sororities", "sperm", "ovary", "ovaries", "uterus", "womb", "testicles",
            "prostate", "ovarian", "pregnant", "pregnancy", "menstruation", "breastfeeding", "beard",
            "beards", "moustache", "mustache", "bearded", "feminism", "feminist", "feminists", "manly",
            "womanly", "boyish", "girlish", "effeminate", "macho", "tomboy", "diva", "divas", "ballerina",
            "ballerinas", "baritone", "soprano", "mezzo", "contralto", "nuns", "monks",
            "friar", "friars", "monastery", "convent",
            "nunnery", "menopause", "estrogen", "testosterone", "genitals", "penis", "vagina", "clitoris",
            "lesbian", "lesbians", "widowed", "childbirth",
            "motherly", "fatherly", "brotherly", "sisterly", "sons", "fathers", "brothers", "husbands",
        ]
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }()

    /// `genderSpecific` with each word also in Title and UPPER case (`he`, `He`, `HE`), for cased
    /// vectors.
    public static let genderSpecificWithCaseVariants: [String] = {
        var seen = Set<String>()
        return genderSpecific.flatMap { [$0, Equalization.titleCased($0), $0.uppercased()] }.filter { seen.insert($0).inserted }
    }()

    /// Occupations whose meaning has no gender: the default neutral words whose direct bias is
    /// measured.
    public static let professions: [String] = [
        "accountant", "administrator", "analyst", "archaeologist", "architect", "artist", "astronaut",
        "astronomer", "athlete", "attorney", "auditor", "author", "baker", "banker", "barber", "bartender",
        "biologist", "bookkeeper", "broker", "builder", "butcher", "captain", "carpenter", "cartoonist",
        "cashier", "chef", "chemist", "choreographer", "cleaner", "clerk", "coach", "columnist", "comedian",
        "commander", "composer", "conductor", "consultant", "cook", "counselor", "critic", "dancer",
        "dentist", "designer", "detective", "diplomat", "director", "doctor", "driver", "economist", "editor",
        "educator", "electrician", "engineer", "entrepreneur", "farmer", "filmmaker", "firefighter",
        "geologist", "guard", "guitarist", "hairdresser", "historian", "housekeeper", "illustrator",
        "inspector", "instructor", "inventor", "investigator", "janitor", "journalist", "judge", "laborer",
        "lawyer", "lecturer", "librarian", "lieutenant", "linguist", "magician", "manager", "mathematician",
        "mechanic", "merchant", "minister", "musician", "nanny", "novelist", "nurse", "officer", "painter",
        "pharmacist", "philosopher", "photographer", "physician", "physicist", "pianist", "pilot", "plumber",
        "poet", "politician", "president", "producer", "professor", "programmer", "psychiatrist",
        "psychologist", "publisher", "receptionist", "reporter", "researcher", "sailor", "scholar",
        "scientist", "sculptor", "secretary", "senator", "sergeant", "servant", "sheriff", "singer",
        "soldier", "statistician", "student", "surgeon", "surveyor", "tailor", "teacher", "technician",
        "therapist", "translator", "treasurer", "tutor", "violinist", "warrior", "worker", "writer",
    ]
}
