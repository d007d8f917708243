// Reading TSV/CSV text into a Table: one pass over the text, cells appended back to back.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "acuroi/core/error.hpp"
#include "acuroi/io/table.hpp"

namespace acuroi::io {

namespace {

using core::InputError;

// Walks the text record by record. A record is one line, or several when a quoted cell holds a
// line break. Cells are appended to `cells` with their start offsets in `starts`.
class RecordReader {
 public:
  RecordReader(std::string_view text, TableFormat format, const std::string& source)
      : text_(text), format_(format), source_(source) {}

  // Reads the next non-empty record; false at the end of the text. `line` is where it starts.
  bool next(std::string& cells, std::vector<std::size_t>& starts, std::size_t& line) {
    skip_empty_lines();
    if (pos_ >= text_.size()) return false;
    line = line_;
    for (;;) {
      starts.push_back(cells.size());
      const bool record_ended = format_.quoted_fields && pos_ < text_.size() && text_[pos_] == '"'
                                    ? read_quoted_cell(cells)
                                    : read_plain_cell(cells);
      if (record_ended) return true;
    }
  }

 private:
  void skip_empty_lines() {
    while (pos_ < text_.size()) {
      if (text_[pos_] == '\n') {
        ++pos_;
        ++line_;
      } else if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        ++line_;
      } else {
        return;
      }
    }
  }

  // Consumes a line end if one is at pos_; true if the record ended (line end or end of text).
  bool consume_cell_end() {
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == format_.delimiter) {
      ++pos_;
      return false;
    }
    // Only '\n' or "\r\n" can be here (callers stop at those).
    if (text_[pos_] == '\r') ++pos_;
    ++pos_;
    ++line_;
    return true;
  }

  bool at_cell_end() const {
    const char c = text_[pos_];
    return c == format_.delimiter || c == '\n' ||
           (c == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n'));
  }

  bool read_plain_cell(std::string& cells) {
    const std::size_t begin = pos_;
    while (pos_ < text_.size() && !at_cell_end()) ++pos_;
    cells.append(text_.data() + begin, pos_ - begin);
    if (pos_ < text_.size() && text_[pos_] == '\r' && pos_ + 1 == text_.size()) ++pos_;  // final CR
    return consume_cell_end();
  }

  // RFC 4180: the cell runs to the closing quote, "" stands for one quote. Text between the
  // closing quote and the delimiter is kept as pandas and Python's csv module do.
  bool read_quoted_cell(std::string& cells) {
    const std::size_t opening_line = line_;
    ++pos_;
    for (;;) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos)
        throw InputError(source_, "line " + std::to_string(opening_line), "",
                         "quoted cell is never closed (a '\"' is missing)");
      const std::string_view chunk = text_.substr(pos_, quote - pos_);
      line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      cells.append(chunk);
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        cells.push_back('"');
        ++pos_;
        continue;
      }
      break;
    }
    return read_plain_cell(cells);
  }

  std::string_view text_;
  TableFormat format_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void check_unique_names(const std::vector<std::string>& header, const std::string& source) {
  std::set<std::string_view> seen;
  for (const auto& name : header) {
    if (name.empty()) continue;  // pandas writes an unnamed index column; several are harmless
    if (!seen.insert(name).second)
      throw InputError(source, "header", name, "column name appears more than once");
  }
}

}  // namespace

TableFormat TableFormat::from_extension(const std::filesystem::path& path) {
  const std::string extension = lowercase(path.extension().string());
  if (extension == ".tsv") return tsv();
  if (extension == ".csv") return csv();
  throw InputError(path.string(), "extension", extension,
                   "cannot tell the table format (expected .tsv or .csv; pass a TableFormat)");
}

Table parse_table(std::string_view text, TableFormat format, std::string source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
  Table table;
  table.source_ = std::move(source);
  RecordReader reader(text, format, table.source_);

  std::string header_text;
  std::vector<std::size_t> header_starts;
  std::size_t line = 0;
  if (!reader.next(header_text, header_starts, line))
    throw InputError(table.source_, "", "", "table is empty: a header row is required");
  header_starts.push_back(header_text.size());
  for (std::size_t c = 0; c + 1 < header_starts.size(); ++c)
    table.header_.emplace_back(header_text, header_starts[c],
                               header_starts[c + 1] - header_starts[c]);
  check_unique_names(table.header_, table.source_);

  const std::size_t columns = table.header_.size();
  table.text_.reserve(text.size());
  while (true) {
    const std::size_t first_cell = table.cell_start_.size();
    if (!reader.next(table.text_, table.cell_start_, line)) break;
    const std::size_t cells = table.cell_start_.size() - first_cell;
    table.row_line_.push_back(line);
    ++table.row_count_;
    if (cells != columns)
      throw InputError(table.source_, table.describe_row(table.row_count_ - 1), "",
                       "row has " + std::to_string(cells) + " cells but the header has " +
                           std::to_string(columns) + " columns");
  }
  table.cell_start_.push_back(table.text_.size());
  return table;
}

Table read_table(const std::filesystem::path& path) {
  return read_table(path, TableFormat::from_extension(path));
}

Table read_table(const std::filesystem::path& path, TableFormat format) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path.string(), "", "",
                     std::string("cannot open table: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path.string(), "", "", "read error");
  const std::string text = std::move(buffer).str();
  return parse_table(text, format, path.string());
}

}  // namespace acuroi::io
