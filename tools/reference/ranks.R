# Exact two-sided p-values of Mann-Whitney U from R, the reference for
# ferrox's exact distribution (testdata/reference/ranks.csv). Run from the
# repository root:
#   Rscript tools/reference/ranks.R
# Columns: u, n1, n2, p (R's wilcox.test definition,
# min(1, 2 * min(P(U <= u), P(U >= u)))).
sizes <- rbind(c(1, 1), c(2, 3), c(3, 3), c(4, 7), c(5, 5), c(6, 9), c(10, 10),
               c(12, 15), c(20, 20), c(25, 30), c(40, 49), c(1, 60), c(100, 100))
rows <- list()
for (k in seq_len(nrow(sizes))) {
  n1 <- sizes[k, 1]
  n2 <- sizes[k, 2]
  us <- unique(round(seq(0, n1 * n2, length.out = 25)))
  p <- pmin(1, 2 * pmin(pwilcox(us, n1, n2),
                        pwilcox(us - 1, n1, n2, lower.tail = FALSE)))
  rows[[k]] <- data.frame(u = us, n1 = n1, n2 = n2, p = sprintf("%.17g", p))
}
write.csv(do.call(rbind, rows), "testdata/reference/ranks.csv",
          row.names = FALSE, quote = FALSE)
