#pragma once
// A minimal JSON writer for the small metadata files netsim writes (run.json): objects,
// arrays, strings and numbers, indented, keys in the order written.

#include <sstream>
#include <string>
#include <vector>

namespace netsim::cli {

class JsonWriter {
 public:
  JsonWriter& begin_object(const std::string& key = "");
  JsonWriter& end_object();
  JsonWriter& begin_array(const std::string& key = "");
  JsonWriter& end_array();
  JsonWriter& field(const std::string& key, const std::string& value);
  JsonWriter& field(const std::string& key, const char* value) { return field(key, std::string(value)); }
  JsonWriter& field(const std::string& key, double value);
  JsonWriter& field(const std::string& key, long long value);
  JsonWriter& numbers(const std::string& key, const std::vector<double>& values);
  JsonWriter& integers(const std::string& key, const std::vector<long long>& values);
  std::string str() const { return out_.str() + "\n"; }

  static std::string quote(const std::string& text);
  static std::string number(double value);  // shortest text that reads back exactly; null for NaN/Inf

 private:
  void key_prefix(const std::string& key);
  JsonWriter& end_container(char close);

  std::ostringstream out_;
  std::vector<bool> first_;  // per open container: nothing written yet
};

}  // namespace netsim::cli
