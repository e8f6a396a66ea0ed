# Writes ferrox's GRIM-U and t-from-summary verdicts on two tables:
# Rscript summaries.R U.csv T.csv U_OUT.csv T_OUT.csv
args <- commandArgs(trailingOnly = TRUE)
read <- function(path) utils::read.csv(path, colClasses = "character", na.strings = "")
exact <- function(frame) {
  for (name in names(frame)) {
    if (is.double(frame[[name]])) frame[[name]] <- sprintf("%.17g", frame[[name]])
  }
  frame
}
u <- read(args[[1]])
u$n1 <- as.numeric(u$n1)
u$n2 <- as.numeric(u$n2)
utils::write.csv(exact(ferrox::grim_u_map(u)), args[[3]], row.names = FALSE)
t <- read(args[[2]])
t$n1 <- as.numeric(t$n1)
t$n2 <- as.numeric(t$n2)
utils::write.csv(exact(ferrox::t_from_summary_map(t, test = "test")), args[[4]], row.names = FALSE)
