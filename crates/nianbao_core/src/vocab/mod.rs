//! Label vocabularies: the row and column labels of each table format, as data.
