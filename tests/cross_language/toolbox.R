# Writes ferrox's answers for the scrutiny toolbox on the tables the Python
# test wrote: Rscript toolbox.R IN_DIR OUT_DIR
args <- commandArgs(trailingOnly = TRUE)
read <- function(name) utils::read.csv(file.path(args[[1]], name), colClasses = "character", na.strings = "")
write <- function(frame, name) {
  for (col in names(frame)) {
    if (is.double(frame[[col]])) frame[[col]] <- sprintf("%.17g", frame[[col]])
  }
  utils::write.csv(frame, file.path(args[[2]], name), row.names = FALSE, na = "NA")
}
values <- read("values.csv")
write(data.frame(value = ferrox::reround(values$x, as.numeric(values$digits), rounding = "up")), "reround.csv")
write(ferrox::unround(values$report, rounding = "even")[, c("range", "lower", "upper")], "unround.csv")
write(data.frame(value = ferrox::reround_to_fraction(values$x, 3, digits = 2, rounding = "down")), "fraction.csv")
means <- read("means.csv")
for (col in c("n", "items")) means[[col]] <- as.numeric(means[[col]])
write(ferrox::sd_bounds_map(means, 1, 7)[, c("sd_min", "sd_max", "consistency")], "bounds.csv")
seq <- ferrox::grimmer_map_seq(means[, c("x", "sd", "n")], dispersion = 1:2)
write(ferrox::audit_seq(seq), "audit_seq.csv")
baseline <- read("baseline.csv")
baseline$n <- as.numeric(baseline$n)
result <- ferrox::carlisle(baseline, seed = 9)
write(result$variables[, c("p", "p_min", "p_max", "p_drawn")], "carlisle_variables.csv")
write(result$trials[, c("stouffer_p", "fisher_p")], "carlisle_trials.csv")
totals <- read("totals.csv")
totals$n <- as.numeric(totals$n)
total_n <- ferrox::grimmer_map_total_n(totals, dispersion = 0:3)
write(total_n[, c("x", "sd", "n", "n_change", "consistency", "both_consistent", "case", "dir")], "total_n.csv")
write(ferrox::audit_total_n(total_n), "audit_total_n.csv")
cells <- read("cells.csv")
duplicates <- list(
  duplicate_count = ferrox::duplicate_count(cells),
  duplicate_colpair = ferrox::duplicate_count_colpair(cells),
  duplicate_tally = ferrox::duplicate_tally(cells)
)
for (name in names(duplicates)) {
  write(duplicates[[name]], paste0(name, ".csv"))
  write(ferrox::audit(duplicates[[name]]), paste0("audit_", name, ".csv"))
}
parens <- read("parens.csv")
write(ferrox::split_by_parens(parens), "split_by_parens.csv")
write(data.frame(before = ferrox::before_parens(parens$a), inside = ferrox::inside_parens(parens$a)), "parens.csv")
sequences <- read("sequences.csv")
verdicts <- lapply(split(sequences$value, sequences$id), function(v) {
  v <- as.numeric(v)
  c(
    ferrox::is_seq_linear(v), ferrox::is_seq_ascending(v), ferrox::is_seq_descending(v),
    ferrox::is_seq_dispersed(v, from = 5)
  )
})
write(as.data.frame(do.call(rbind, verdicts)), "is_seq.csv")
