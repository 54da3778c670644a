# cmake -DINPUT=world.json -DOUTPUT=sim_default_world.cpp -P embed_world.cmake
# Writes the file as a byte array (no string-literal length limits, no escaping problems).
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT}
  "// Generated from tests/insurer-sim/world.json by cmake/embed_world.cmake. Do not edit.\n"
  "#include <string_view>\n\n"
  "namespace passerelle::sim {\n"
  "namespace {\n"
  "const char kWorld[] = {\n${bytes}'\\0'};\n"
  "}  // namespace\n"
  "std::string_view default_world_text() { return {kWorld, sizeof kWorld - 1}; }\n"
  "}  // namespace passerelle::sim\n")
