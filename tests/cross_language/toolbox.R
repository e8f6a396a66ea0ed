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
