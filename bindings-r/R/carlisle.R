#' Carlisle's test of baseline tables
#'
#' Are the differences between randomised groups as random as randomisation
#' makes them? One row per trial x variable x group: `n` with `mean` and `sd`
#' (as reported strings) for a continuous variable, or `count` for a
#' categorical one (members in the category; with a `level` column, one row
#' per level). Each variable gets a p-value (ANOVA from the summary
#' statistics, the t-test for two groups; chi-squared, or Fisher's exact test
#' for a small 2 x 2 table) at the reported values, its least and greatest
#' over the rounding intervals, and `p_drawn` at values drawn from them
#' (seeded). Each trial gets the Stouffer and Fisher combinations of its
#' continuous variables' `p_drawn` (near 0: groups differ too much; near 1:
#' too alike), and the p-values are tested against the uniform distribution
#' (Kolmogorov-Smirnov, and the AUC: the mean p, 0.5 when uniform).
#'
#' @param data A data frame.
#' @param trial,variable,group,n,mean,sd,count,level Column names; `mean`,
#'   `sd`, `count` and `level` may be absent.
#' @inheritParams grim
#' @param seed Whole number. Seeds the draws within the rounding intervals.
#'
#' @return A list of class `ferrox_carlisle` with data frames `variables`,
#'   `trials` and `uniformity`.
#' @export
#'
#' @examples
#' table <- data.frame(
#'   trial = "T1", variable = c("age", "age", "male", "male"), group = c("A", "B"),
#'   n = 50, mean = c("54.2", "55.9", NA, NA), sd = c("9.1", "8.7", NA, NA),
#'   count = c(NA, NA, 22, 25)
#' )
#' carlisle(table)
carlisle <- function(data, trial = "trial", variable = "variable", group = "group", n = "n",
                     mean = "mean", sd = "sd", count = "count", level = "level",
                     rounding = "up_or_down", threshold = 5, symmetric = FALSE, seed = 1) {
  call <- sys.call()
  cols <- frame_columns(data, list(trial = trial, variable = variable, group = group, n = n), call)
  optional <- function(name) if (name %in% names(data)) data[[name]] else NULL
  text <- function(x) if (is.null(x)) NULL else as.character(x)
  r <- rounding_args(rounding, threshold, symmetric, NULL, call)
  out <- core(carlisle_run(
    as.character(cols$trial), as.character(cols$variable), as.character(cols$group),
    text(optional(level)), counts(cols$n, "n", call), text(optional(mean)), text(optional(sd)),
    if (is.null(optional(count))) NULL else as.double(optional(count)),
    r$rounding, r$threshold, r$symmetric, setting(seed, "seed", "number", call)
  ), call)
  structure(
    lapply(out[c("variables", "trials", "uniformity")], as.data.frame, stringsAsFactors = FALSE),
    class = "ferrox_carlisle"
  )
}

#' @export
print.ferrox_carlisle <- function(x, ...) {
  u <- x$uniformity
  cat("Carlisle's test of baseline tables\n")
  for (i in seq_len(nrow(u))) {
    cat(sprintf(
      "%s: n = %d, KS D = %.4f (p = %.3g), AUC = %.3f\n",
      u$p_values[i], u$n[i], u$ks_d[i], u$ks_p[i], u$auc[i]
    ))
  }
  invisible(x)
}
