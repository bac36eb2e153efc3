#include "json_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace netsim::cli {

std::string JsonWriter::quote(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    switch (c) {
      case '"': q += "\\\""; break;
      case '\\': q += "\\\\"; break;
      case '\n': q += "\\n"; break;
      case '\t': q += "\\t"; break;
      case '\r': q += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          q += buf;
        } else {
          q += c;
        }
    }
  }
  return q + "\"";
}

std::string JsonWriter::number(double value) {
  if (!std::isfinite(value)) return "null";
  char buf[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

void JsonWriter::key_prefix(const std::string& key) {
  if (!first_.empty()) {
    out_ << (first_.back() ? "\n" : ",\n") << std::string(2 * first_.size(), ' ');
    first_.back() = false;
  }
  if (!key.empty()) out_ << quote(key) << ": ";
}

JsonWriter& JsonWriter::begin_object(const std::string& key) {
  key_prefix(key);
  out_ << "{";
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_container(char close) {
  const bool empty = first_.back();
  first_.pop_back();
  if (!empty) out_ << "\n" << std::string(2 * first_.size(), ' ');
  out_ << close;
  return *this;
}

JsonWriter& JsonWriter::end_object() { return end_container('}'); }

JsonWriter& JsonWriter::begin_array(const std::string& key) {
  key_prefix(key);
  out_ << "[";
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() { return end_container(']'); }

JsonWriter& JsonWriter::field(const std::string& key, const std::string& value) {
  key_prefix(key);
  out_ << quote(value);
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, double value) {
  key_prefix(key);
  out_ << number(value);
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, long long value) {
  key_prefix(key);
  out_ << value;
  return *this;
}

JsonWriter& JsonWriter::numbers(const std::string& key, const std::vector<double>& values) {
  key_prefix(key);
  out_ << "[";
  for (std::size_t i = 0; i < values.size(); ++i) out_ << (i ? ", " : "") << number(values[i]);
  out_ << "]";
  return *this;
}

JsonWriter& JsonWriter::integers(const std::string& key, const std::vector<long long>& values) {
  key_prefix(key);
  out_ << "[";
  for (std::size_t i = 0; i < values.size(); ++i) out_ << (i ? ", " : "") << values[i];
  out_ << "]";
  return *this;
}

}  // namespace netsim::cli
