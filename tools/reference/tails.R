# Upper-tail probabilities from R, the reference for ferrox's distribution
# tails (testdata/reference/tails.csv). Run from the repository root:
#   Rscript tools/reference/tails.R
# Columns: dist, x (the statistic), df1, df2 (NA where unused), p (upper
# tail, lower.tail = FALSE), written with 17 significant digits.
#
# R's pt switches to a normal approximation above df = 4e5, so for those df
# the t reference is the exact identity
#   P(T > x) = pbeta(x^2 / (df + x^2), 1/2, df/2, lower.tail = FALSE) / 2,
# written with the small argument x^2 / (df + x^2), which keeps its relative
# precision where df / (df + x^2) would round to 1.
dfs <- c(1, 1.5, 2, 2.7, 3, 5, 7.31, 10, 17.9, 28, 30.5, 59, 100, 247.3, 1000,
         12345.6, 1e5, 4e5)
big_dfs <- c(1e6, 3.3e6, 1e7)
xs <- c(1e-8, 1e-3, 0.05, 0.3, 0.9, 1, 1.5, 1.96, 2.2, 2.58, 3.3, 4, 6, 9,
        13, 20, 35, 60, 100, 250, 1e3, 1e4, 1e6, 1e9, 1e15, 1e40, 1e100)
keep <- function(p) is.finite(p) & p > 1e-300

rows <- list()
add <- function(dist, x, df1, df2, p) {
  ok <- keep(p)
  rows[[length(rows) + 1]] <<- data.frame(
    dist = dist, x = x[ok], df1 = df1[ok], df2 = df2[ok], p = p[ok])
}
for (df in dfs) {
  add("t", xs, rep(df, length(xs)), NA_real_, pt(xs, df, lower.tail = FALSE))
}
for (df in big_dfs) {
  p <- pbeta(xs^2 / (df + xs^2), 1 / 2, df / 2, lower.tail = FALSE) / 2
  add("t", xs, rep(df, length(xs)), NA_real_, p)
}
for (df in c(dfs, big_dfs)) {
  add("chisq", xs, rep(df, length(xs)), NA_real_,
      pchisq(xs, df, lower.tail = FALSE))
}
for (df1 in c(1, 2, 3.5, 10, 120, 1e4)) {
  for (df2 in c(1, 2.5, 5, 28, 200, 1e5, 1e7)) {
    add("F", xs, rep(df1, length(xs)), rep(df2, length(xs)),
        pf(xs, df1, df2, lower.tail = FALSE))
  }
}
zs <- c(xs[xs < 40], 37.5, 38.4)
add("z", zs, NA_real_, NA_real_, pnorm(zs, lower.tail = FALSE))

out <- do.call(rbind, rows)
fmt <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
out$x <- fmt(out$x)
out$df1 <- fmt(out$df1)
out$df2 <- fmt(out$df2)
out$p <- fmt(out$p)
write.csv(out, "testdata/reference/tails.csv", row.names = FALSE, quote = FALSE)
