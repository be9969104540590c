package postgres

// PairsQuery is the candidate join, for the plan test.
const PairsQuery = pairsQuery
