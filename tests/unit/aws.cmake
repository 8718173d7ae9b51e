# AWS layer suites (models/aws): SigV4 against the public vectors, the credential
# chain, and a cross-check of our signatures with botocore's own signer.

warroom_add_test(tst_aws_sigv4_vectors SOURCES aws/tst_aws_sigv4_vectors.cpp)
warroom_add_test(tst_aws_sigv4 SOURCES aws/tst_aws_sigv4.cpp)
warroom_add_test(tst_aws_credentials SOURCES aws/tst_aws_credentials.cpp)
