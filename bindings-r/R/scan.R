#' Read papers and check every number in them that can be checked
#'
#' Reads PDF, HTML, DOCX, JATS XML or plain text (told by content, not by
#' name), finds APA test results (p-values recomputed, as in [check_text()]),
#' means with SDs (GRIM, GRIMMER, DEBIT, and CLOSURE where a scale is
#' stated) and percentages (against their count or n), in text and tables,
#' and runs every test that applies. Each finding says which n it was tested
#' with and where that n came from; an inconsistency that rests on an n
#' taken from elsewhere in the paper says so (`"inconsistent (guessed n)"`).
#' A p-value that fits only one-tailed is `"consistent (one-tailed)"` in a
#' paper that speaks of one-tailed or one-sided tests.
#'
#' @param x Paths to papers or to folders of papers (read recursively, in
#'   parallel); or a paper's text (a single string that is not a path); or
#'   a document's raw bytes.
#' @inheritParams check_p
#'
#' @return A data frame of class `ferrox_scan`, one row per finding and
#'   test: where the finding is (`file`, `page`, `paragraph`, `table`,
#'   `row`, `column`), what it is (`kind`, `found`), `n` and `n_source`,
#'   `confidence` (`"sure"` or `"guessed"`), `scale`, `test`, `consistent`,
#'   `verdict`, `reason`, `consistent_values`, `snippet`, and `error` (a
#'   file that could not be read is one row with its error). It prints a
#'   summary first; `summary()` counts verdicts by test.
#' @export
#'
#' @examples
#' scan_paper(paste(
#'   "Participants (N = 28) rated it M = 5.19, SD = 1.20.",
#'   "It differed, t(27) = 2.20, p = .36."
#' ))
#' paper <- tempfile(fileext = ".html")
#' writeLines("<p>Groups differed, F(1, 48) = 6.12, p = .02.</p>", paper)
#' summary(scan_paper(paper))
scan_paper <- function(x, alpha = 0.05, p_equal_alpha_significant = TRUE,
                       p_truncation = FALSE, one_tailed = FALSE, rounding = "up_or_down",
                       threshold = 5, symmetric = FALSE) {
  call <- sys.call()
  s <- p_settings(
    alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding, threshold,
    symmetric, call
  )
  out <- if (is.raw(x)) {
    scan_raw(x, s)
  } else if (is.character(x) && length(x) >= 1 && !anyNA(x) && all(file.exists(x))) {
    scan_paths(x, s)
  } else if (is.character(x) && length(x) == 1 && !is.na(x)) {
    scan_raw(charToRaw(enc2utf8(x)), s)
  } else {
    ferrox_abort(
      "`x` must be paths to papers or folders, a paper's text, or its raw bytes",
      call
    )
  }
  frame <- as.data.frame(core(out, call)$rows, stringsAsFactors = FALSE)
  class(frame) <- c("ferrox_scan", "data.frame")
  frame
}

#' @export
print.ferrox_scan <- function(x, ...) {
  checked <- x$test != ""
  cat(sprintf(
    "ferrox scan: %d finding(s) in %d file(s); %d inconsistent, %d not checked\n",
    sum(checked), length(unique(x$file)), sum(x$consistent %in% FALSE),
    sum(is.na(x$consistent))
  ))
  shown <- as.data.frame(unclass(x)[c("file", "found", "n", "test", "verdict")])
  print(shown, ...)
  invisible(x)
}

#' @export
summary.ferrox_scan <- function(object, ...) {
  checked <- object[object$test != "", , drop = FALSE]
  table(test = checked$test, verdict = checked$verdict)
}

#' Write a scan of papers as one HTML page
#'
#' A self-contained page (no outside resources): how many findings of each
#' test and how many inconsistent, then every finding in its sentence or
#' table cell, with the verdict, the reason, and what would have been
#' consistent.
#'
#' @param x Paths to papers or folders.
#' @param file Where to write the page.
#' @param title The page's title.
#' @return `file`, invisibly.
#' @export
#'
#' @examples
#' paper <- tempfile(fileext = ".txt")
#' writeLines("It differed, t(27) = 2.20, p = .36.", paper)
#' page <- scan_report(paper, tempfile(fileext = ".html"))
#' any(grepl("decision error", readLines(page)))
scan_report <- function(x, file, title = "ferrox scan") {
  call <- sys.call()
  if (!is.character(x) || anyNA(x) || !all(file.exists(x))) {
    ferrox_abort("`x` must be paths to papers or folders that exist", call)
  }
  s <- p_settings(0.05, TRUE, FALSE, FALSE, "up_or_down", 5, FALSE, call)
  page <- core(scan_html(x, setting(title, "title", "string", call), s), call)$page
  writeLines(page, file, sep = "", useBytes = TRUE)
  invisible(file)
}
