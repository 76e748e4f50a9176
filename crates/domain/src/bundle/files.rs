//! A bundle's TOML files by name: which file a problem is in, and one value per file.

/// One of a bundle's TOML files (the observation CSVs are read apart, in `observations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BundleFile {
    Documents,
    Case,
    Scales,
    Indicators,
    Assessments,
    Rounds,
    Commitments,
    Phases,
    Scenarios,
    Imports,
}

impl BundleFile {
    /// Every file, in the order they are read: an id's first definition is the one kept, and
    /// `imports.toml` needs the indicators read before it.
    pub(crate) const ALL: [BundleFile; 10] = [
        BundleFile::Documents,
        BundleFile::Case,
        BundleFile::Scales,
        BundleFile::Indicators,
        BundleFile::Assessments,
        BundleFile::Rounds,
        BundleFile::Commitments,
        BundleFile::Phases,
        BundleFile::Scenarios,
        BundleFile::Imports,
    ];

    /// The file's name in the bundle's folder.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            BundleFile::Documents => "documents.toml",
            BundleFile::Case => "case.toml",
            BundleFile::Scales => "scales.toml",
            BundleFile::Indicators => "indicators.toml",
            BundleFile::Assessments => "assessments.toml",
            BundleFile::Rounds => "rounds.toml",
            BundleFile::Commitments => "commitments.toml",
            BundleFile::Phases => "phases.toml",
            BundleFile::Scenarios => "scenarios.toml",
            BundleFile::Imports => "imports.toml",
        }
    }

    /// A file a bundle may leave out: it then holds nothing.
    pub(crate) fn optional(self) -> bool {
        matches!(self, BundleFile::Assessments | BundleFile::Scenarios | BundleFile::Imports)
    }
}

/// One value per file (its text, its parsed table, its problems), each under the file's name.
pub(crate) struct Files<T> {
    pub documents: T,
    pub case: T,
    pub scales: T,
    pub indicators: T,
    pub assessments: T,
    pub rounds: T,
    pub commitments: T,
    pub phases: T,
    pub scenarios: T,
    pub imports: T,
}

impl<T> Files<T> {
    /// Makes each file's value, in reading order ([`BundleFile::ALL`]).
    pub(crate) fn from_fn(mut make: impl FnMut(BundleFile) -> T) -> Self {
        Files {
            documents: make(BundleFile::Documents),
            case: make(BundleFile::Case),
            scales: make(BundleFile::Scales),
            indicators: make(BundleFile::Indicators),
            assessments: make(BundleFile::Assessments),
            rounds: make(BundleFile::Rounds),
            commitments: make(BundleFile::Commitments),
            phases: make(BundleFile::Phases),
            scenarios: make(BundleFile::Scenarios),
            imports: make(BundleFile::Imports),
        }
    }

    /// The value of `file`.
    pub(crate) fn get(&self, file: BundleFile) -> &T {
        match file {
            BundleFile::Documents => &self.documents,
            BundleFile::Case => &self.case,
            BundleFile::Scales => &self.scales,
            BundleFile::Indicators => &self.indicators,
            BundleFile::Assessments => &self.assessments,
            BundleFile::Rounds => &self.rounds,
            BundleFile::Commitments => &self.commitments,
            BundleFile::Phases => &self.phases,
            BundleFile::Scenarios => &self.scenarios,
            BundleFile::Imports => &self.imports,
        }
    }

    /// The value of `file`, to change.
    pub(crate) fn get_mut(&mut self, file: BundleFile) -> &mut T {
        match file {
            BundleFile::Documents => &mut self.documents,
            BundleFile::Case => &mut self.case,
            BundleFile::Scales => &mut self.scales,
            BundleFile::Indicators => &mut self.indicators,
            BundleFile::Assessments => &mut self.assessments,
            BundleFile::Rounds => &mut self.rounds,
            BundleFile::Commitments => &mut self.commitments,
            BundleFile::Phases => &mut self.phases,
            BundleFile::Scenarios => &mut self.scenarios,
            BundleFile::Imports => &mut self.imports,
        }
    }

    /// The values, in reading order.
    pub(crate) fn into_values(self) -> [T; 10] {
        [
            self.documents,
            self.case,
            self.scales,
            self.indicators,
            self.assessments,
            self.rounds,
            self.commitments,
            self.phases,
            self.scenarios,
            self.imports,
        ]
    }

    /// Each file's value changed by `change`.
    pub(crate) fn map<U>(self, change: impl FnMut(T) -> U) -> Files<U> {
        let mut values = self.into_values().into_iter().map(change);
        Files::from_fn(|_| values.next().expect("one value per file"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_file_through_map_and_into_values() {
        let names = Files::from_fn(BundleFile::name).map(str::to_uppercase);
        assert_eq!(names.get(BundleFile::Phases), "PHASES.TOML");
        assert_eq!(names.rounds, "ROUNDS.TOML");
        let in_order: Vec<String> = BundleFile::ALL.iter().map(|f| f.name().to_uppercase()).collect();
        assert_eq!(names.into_values().to_vec(), in_order);
    }
}
