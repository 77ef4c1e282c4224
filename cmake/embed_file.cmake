# Writes OUT: the bytes of IN as `extern const std::string_view NAME` in namespace NS.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT} "#include <string_view>\nnamespace ${NS} {\nnamespace {\nconst char kBytes[] = {${bytes} 0};\n}\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME}(kBytes, sizeof(kBytes) - 1);\n}  // namespace ${NS}\n")
